package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Browser apps on other origins: preflights are answered before authentication, every response
 * (errors included) carries the CORS headers, any origin by default, and only the listed ones
 * when {@code WIRELESS_CORS_ORIGINS} is set.
 */
class CorsTest extends ContractCheck {

  private static final String APP = "https://app.example.com";

  private RawHttp http;
  private String auth;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    auth = bearer(platform.newAccount().authToken());
  }

  @Test
  void aPreflightIsAnsweredWithoutCredentials() {
    for (String path : List.of("/v1/Sims/some-sim", "/v1/RatePlans", "/v1/auth/token", "/api-services/v1/auth/token")) {
      HttpResponse<String> response = http.exchange("OPTIONS", path, null, "Origin", APP,
          "Access-Control-Request-Method", "POST",
          "Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
      assertEquals(204, response.statusCode(), path + ": " + response.body());
      HttpHeaders headers = response.headers();
      assertEquals("*", headers.firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals("GET, POST, PATCH, DELETE, OPTIONS", headers.firstValue("Access-Control-Allow-Methods").orElse(null));
      assertEquals("Authorization, Content-Type, Accept, Idempotency-Key, X-Request-Id",
          headers.firstValue("Access-Control-Allow-Headers").orElse(null));
      assertEquals("7200", headers.firstValue("Access-Control-Max-Age").orElse(null));
      assertFalse(headers.firstValue("Access-Control-Allow-Credentials").isPresent(), "auth is never a cookie");
      assertEquals("", response.body());
    }
  }

  @Test
  void responsesAndErrorsCarryAllowOriginAndExposeHeaders() {
    assertCorsAny(http.exchange("GET", "/v1/RatePlans", null, "Origin", APP, "Authorization", auth), 200);
    assertCorsAny(http.exchange("POST", "/v1/RatePlans", "UniqueName=cors", "Origin", APP, "Authorization", auth,
        "Content-Type", "application/x-www-form-urlencoded"), 201);
    assertCorsAny(assertErrorResponse(http.exchange("GET", "/v1/RatePlans", null, "Origin", APP), 401, 20003), 401);
    assertCorsAny(assertErrorResponse(http.exchange("GET", "/v1/Nothing", null, "Origin", APP, "Authorization", auth),
        404, 20404), 404);
    assertCorsAny(assertErrorResponse(http.exchange("POST", "/v1/RatePlans", "DataLimit=0", "Origin", APP,
        "Authorization", auth, "Content-Type", "application/x-www-form-urlencoded"), 400, 33101), 400);
    // without Origin (not a browser), the headers are there as well, as both upstream contracts declare
    assertCorsAny(http.get("/v1/RatePlans", auth), 200);
  }

  @Test
  void aListOfOriginsAllowsOnlyThoseAndVariesByOrigin() throws Exception {
    Vertx vertx = Vertx.vertx();
    WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-cors").toString(), "WIRELESS_PORT", "0",
        "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0",
        "WIRELESS_SIMULATED_TRAFFIC", "false", "WIRELESS_CORS_ORIGINS", APP + ", http://localhost:3000/"))));
    try {
      RawHttp restricted = new RawHttp(server.baseUrl());
      String demo = bearer(server.demoCredentials().authToken());
      for (String origin : List.of(APP, "http://localhost:3000")) {
        HttpResponse<String> ok = restricted.exchange("GET", "/v1/RatePlans", null, "Origin", origin,
            "Authorization", demo);
        assertEquals(200, ok.statusCode());
        assertEquals(origin, ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(List.of("Origin"), varyValues(ok));
        HttpResponse<String> preflight = restricted.exchange("OPTIONS", "/v1/RatePlans", null, "Origin", origin,
            "Access-Control-Request-Method", "POST");
        assertEquals(204, preflight.statusCode());
        assertEquals(origin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").isPresent());
      }
      HttpResponse<String> error = restricted.exchange("GET", "/v1/RatePlans", null, "Origin", APP);
      assertError(error, 401, 20003);
      assertEquals(APP, error.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

      for (String stranger : List.of("https://evil.example.com", "http://app.example.com", "null")) {
        HttpResponse<String> refused = restricted.exchange("GET", "/v1/RatePlans", null, "Origin", stranger,
            "Authorization", demo);
        assertEquals(200, refused.statusCode(), "the server answers; the browser withholds it from the page");
        assertNoCors(refused);
        assertEquals(List.of("Origin"), varyValues(refused));
        HttpResponse<String> preflight = restricted.exchange("OPTIONS", "/v1/RatePlans", null, "Origin", stranger,
            "Access-Control-Request-Method", "POST");
        assertEquals(204, preflight.statusCode());
        assertNoCors(preflight);
      }
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }

  private static HttpResponse<String> assertErrorResponse(HttpResponse<String> response, int status, int code) {
    assertError(response, status, code);
    return response;
  }

  private static void assertCorsAny(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("X-Request-Id, Idempotent-Replayed, Retry-After, Location, Allow, WWW-Authenticate",
        response.headers().firstValue("Access-Control-Expose-Headers").orElse(null));
    assertFalse(response.headers().firstValue("Access-Control-Allow-Credentials").isPresent());
  }

  private static void assertNoCors(HttpResponse<String> response) {
    assertTrue(response.headers().map().keySet().stream().noneMatch(h -> h.toLowerCase().startsWith("access-control-")),
        response.headers().map().toString());
  }

  private static List<String> varyValues(HttpResponse<String> response) {
    return response.headers().allValues("Vary").stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim)
        .filter(v -> v.equalsIgnoreCase("Origin")).toList();
  }
}
