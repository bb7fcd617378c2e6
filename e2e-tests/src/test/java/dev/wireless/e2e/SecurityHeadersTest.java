package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.ops.OpsRoutes;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OWASP REST headers on the raw wire, straight from the TLS listener: on success, on client
 * errors of every origin (validation, authentication, the router's 404 and 405, the HTTP decoder),
 * and the reference pages' own policy. A mapped 5xx on plain HTTP is in {@code PlainHttpSecurityTest}.
 */
class SecurityHeadersTest extends ContractCheck {

  private int port;
  private String auth;

  @BeforeEach
  void setUp() {
    port = platform.server().port();
    auth = bearer(platform.newAccount().authToken());
  }

  @Test
  void successAndEveryKindOfClientErrorCarryTheApiHeaders() {
    assertApiHeaders(send(get("/v1/RatePlans", auth)), 200, true);
    assertApiHeaders(send(get("/v1/RatePlans", null)), 401, true);
    assertApiHeaders(send(get("/v1/RatePlans?PageSize=0", auth)), 400, true);
    assertApiHeaders(send(get("/v1/Nothing", auth)), 404, true);
    assertApiHeaders(send("DELETE /v1/RatePlans HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth
        + "\r\nConnection: close\r\n\r\n"), 405, true);
    assertApiHeaders(send("GET /v1/RatePlans HTTP/1.1\r\nHost: localhost\r\nNo colon here\r\n\r\n"), 400, true);
  }

  @Test
  void theServerHeaderNamesTheProductWithoutAVersion() {
    assertEquals("wireless", send(get("/health/live", null)).header("Server"));
    assertEquals("wireless", send(get("/v1/RatePlans", null)).header("Server"));
  }

  @Test
  void theReferencePagesHaveTheirOwnPolicyAndTheAssetsTheirLongCache() {
    for (String page : new String[] {"/docs", "/docs/errors/20404"}) {
      RawWire.Response response = send(get(page, null));
      assertEquals(200, response.status(), response.describe());
      assertEquals(OpsRoutes.DOCS_CSP, response.header("Content-Security-Policy"));
      assertTrue(response.header("Content-Security-Policy").startsWith("default-src 'none'"));
      assertEquals("no-cache", response.header("Cache-Control"));
      assertEquals("DENY", response.header("X-Frame-Options"));
      assertEquals("nosniff", response.header("X-Content-Type-Options"));
      assertEquals("max-age=31536000", response.header("Strict-Transport-Security"));
    }
    RawWire.Response asset = send(get("/docs/assets/redoc.standalone.js", null));
    assertEquals(200, asset.status());
    assertTrue(asset.header("Cache-Control").contains("max-age="), asset.header("Cache-Control"));
    assertFalse(asset.header("Cache-Control").contains("no-store"));
    assertEquals("nosniff", asset.header("X-Content-Type-Options"));
  }

  /** The five headers (HSTS only over TLS), each exactly once, on a response with {@code status}. */
  static void assertApiHeaders(RawWire.Response response, int status, boolean tls) {
    assertEquals(status, response.status(), response.describe());
    assertEquals("no-store", response.header("Cache-Control"));
    assertEquals("frame-ancestors 'none'", response.header("Content-Security-Policy"));
    assertEquals("DENY", response.header("X-Frame-Options"));
    assertEquals("nosniff", response.header("X-Content-Type-Options"));
    assertEquals("wireless", response.header("Server"));
    if (tls) {
      assertEquals("max-age=31536000", response.header("Strict-Transport-Security"));
    } else {
      assertTrue(response.all("Strict-Transport-Security").isEmpty(), response.describe());
    }
    if (status >= 400) {
      JsonObject error = new JsonObject(response.body());
      assertEquals(status, error.getInteger("status"), response.body());
    }
  }

  static String get(String path, String authorization) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Connection: close\r\n\r\n";
  }

  private RawWire.Response send(String request) {
    return RawWire.exchange(true, null, port, request);
  }
}
