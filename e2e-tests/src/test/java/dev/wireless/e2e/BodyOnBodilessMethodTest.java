package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that carry a body (or a form Content-Type with {@code Content-Length: 0}, as Python's
 * urllib sends it) on methods whose operations take none, written byte for byte on the wire: a
 * GET ignores its body, a DELETE works, anything the path does not serve is a 405 with
 * {@code Allow} — never a 500.
 */
class BodyOnBodilessMethodTest extends ContractCheck {

  private NewCredentials account;
  private int port;

  @BeforeEach
  void setUp() {
    account = platform.newAccount();
    port = platform.server().port();
    platform.importSims(account.accountSid(), "bodies", 2);
  }

  @Test
  void aGetIgnoresItsBody() {
    WireExchange.Response withBody = send("GET /v1/Sims?PageSize=5", "Content-Length: 13\r\n", "Status=active");
    assertEquals(2, withBody.json(200).getJsonArray("sims").size(), "the body's Status filter is not applied");
    assertEquals(2, send("GET /v1/Sims", "Content-Length: 0\r\n", "").json(200).getJsonArray("sims").size());
    assertEquals(2, send("GET /v1/Sims", "Transfer-Encoding: chunked\r\n", "3\r\na=b\r\n0\r\n\r\n").json(200)
        .getJsonArray("sims").size());
    assertEquals(5, send("GET /v1/RatePlans?PageSize=5", "Content-Length: 5\r\n", "=x&&=").json(200)
        .getJsonObject("meta").getInteger("page_size"));
  }

  @Test
  void aDeleteWithAFormContentTypeWorks() {
    String auth = bearer(account.authToken());
    RawHttp http = new RawHttp(platform.baseUrl());
    json(http.postForm("/v1/RatePlans", auth, "UniqueName", "gone-1"), 201);
    json(http.postForm("/v1/RatePlans", auth, "UniqueName", "gone-2"), 201);
    assertEquals(204, send("DELETE /v1/RatePlans/gone-1", "Content-Length: 0\r\n", "").status());
    assertEquals(204, send("DELETE /v1/RatePlans/gone-2", "Content-Length: 7\r\n", "Foo=bar").status());
    send("GET /v1/RatePlans/gone-2", "Content-Length: 0\r\n", "").error(404, 20404);
  }

  @Test
  void methodsThePathDoesNotServeAre405WithAllowEvenWithABody() {
    assertNotAllowed(send("OPTIONS /v1/Sims", "Content-Length: 3\r\n", "a=b"), "GET");
    assertNotAllowed(send("OPTIONS /v1/Sims", "Content-Length: 0\r\n", ""), "GET");
    assertNotAllowed(send("TRACE /v1/Sims", "Content-Length: 0\r\n", ""), "GET");
    assertNotAllowed(send("PUT /v1/Sims/bodies-0", "Content-Length: 13\r\n", "Status=active"), "DELETE, GET, POST");
    assertNotAllowed(send("PATCH /v1/Sims/bodies-0", "Content-Length: 2\r\n", "=x"), "DELETE, GET, POST");
    assertNotAllowed(send("PATCH /v1/RatePlans", "Transfer-Encoding: chunked\r\n", "2\r\n=x\r\n0\r\n\r\n"), "GET, POST");
    WireExchange.Response head = send("HEAD /v1/Sims", "Content-Length: 0\r\n", "");
    assertEquals(405, head.status());
    assertEquals("GET", head.header("Allow"));
    assertEquals("", head.body());
  }

  private static void assertNotAllowed(WireExchange.Response response, String allowed) {
    response.error(405, 20004);
    assertEquals(allowed, response.header("Allow"));
  }

  /** {@code requestLine} (without the version) with the account's auth and a form Content-Type. */
  private WireExchange.Response send(String requestLine, String headers, String body) {
    return WireExchange.send(port, requestLine + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
        + account.authToken() + "\r\nContent-Type: application/x-www-form-urlencoded\r\n" + headers, body);
  }
}
