package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose body length could be read two ways (RFC 9112 §6.3, the request-smuggling
 * signal) is refused on the raw wire, straight to the TLS listener: 400 with the error body,
 * {@code Connection: close}, the connection closed, and nothing created.
 */
class AmbiguousFramingTest extends ContractCheck {

  private static final String BODY = "UniqueName=framed";

  private int port;
  private String auth;
  private RawHttp http;

  @BeforeEach
  void setUp() {
    port = platform.server().port();
    auth = bearer(platform.newAccount().authToken());
    http = new RawHttp(platform.baseUrl());
  }

  @Test
  void contentLengthWithChunkedTransferEncodingIsRefusedAndTheConnectionClosed() {
    refused(post("Content-Length: " + BODY.length() + "\r\nTransfer-Encoding: chunked\r\n", chunked(BODY)),
        "both Content-Length and Transfer-Encoding");
    refused(post("Transfer-Encoding: chunked\r\nContent-Length: " + BODY.length() + "\r\n", chunked(BODY)),
        "both Content-Length and Transfer-Encoding");
    assertNothingCreated();
  }

  @Test
  void repeatedOrConflictingContentLengthsAreRefused() {
    int n = BODY.length();
    refused(post("Content-Length: " + n + "\r\nContent-Length: " + n + "\r\n", BODY), "Content-Length");
    refused(post("Content-Length: " + n + "\r\nContent-Length: " + (n + 4) + "\r\n", BODY + "&x=y"), "Content-Length");
    refused(post("Content-Length: " + n + ", " + n + "\r\n", BODY), "Content-Length");
    assertNothingCreated();
  }

  @Test
  void aTransferEncodingThatDoesNotEndInChunkedIsRefused() {
    refused(post("Transfer-Encoding: gzip\r\n", BODY), "Transfer-Encoding must end with chunked");
    refused(post("Transfer-Encoding: chunked, chunked\r\n", chunked(chunked(BODY))), "Transfer-Encoding must end");
    assertNothingCreated();
  }

  @Test
  void eachFramingAloneStillWorks() {
    RawWire.Response byLength = RawWire.exchange(true, null, port,
        post("Content-Length: " + BODY.length() + "\r\n", BODY));
    assertEquals(201, byLength.status(), byLength.describe());
    assertEquals(204, http.delete("/v1/RatePlans/framed", auth).statusCode());
    RawWire.Response byChunks = RawWire.exchange(true, null, port, post("Transfer-Encoding: chunked\r\n", chunked(BODY)));
    assertEquals(201, byChunks.status(), byChunks.describe());
  }

  private void refused(String request, String reason) {
    RawWire.Response response = RawWire.exchange(true, null, port, request);
    SecurityHeadersTest.assertApiHeaders(response, 400, true);
    JsonObject error = new JsonObject(response.body());
    assertEquals(20400, error.getInteger("code"), response.body());
    assertTrue(error.getString("message").contains(reason), error.getString("message"));
    assertEquals("close", response.header("Connection"));
    assertTrue(response.closedByServer(), "the server closes the connection after " + response.describe());
  }

  private void assertNothingCreated() {
    assertError(http.get("/v1/RatePlans/framed", auth), 404, 20404);
    assertEquals(0, json(http.get("/v1/RatePlans", auth), 200).getJsonArray("rate_plans").size());
  }

  /** A keep-alive POST /v1/RatePlans with the given framing headers and body bytes. */
  private String post(String framing, String body) {
    return "POST /v1/RatePlans HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth + "\r\n"
        + "Content-Type: application/x-www-form-urlencoded\r\n" + framing + "\r\n" + body;
  }

  private static String chunked(String body) {
    return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
  }
}
