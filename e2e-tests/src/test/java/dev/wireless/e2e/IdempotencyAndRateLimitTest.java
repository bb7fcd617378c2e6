package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on POST, and per-account rate limiting with 429 and Retry-After. */
class IdempotencyAndRateLimitTest extends ContractCheck {

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> post(String base, String auth, String key, String form) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + "/v1/RatePlans")).header("Authorization", auth)
        .header("Idempotency-Key", key).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSameKeyAndRequestReturnTheOriginalReplyWithoutDoingTheWorkAgain() throws Exception {
    String auth = bearer(platform.newAccount().authToken());
    HttpResponse<String> first = post(platform.baseUrl(), auth, "create-plan-1", "UniqueName=once");
    HttpResponse<String> retry = post(platform.baseUrl(), auth, "create-plan-1", "UniqueName=once");

    assertEquals(201, first.statusCode());
    assertEquals(201, retry.statusCode(), retry.body());
    assertEquals(new JsonObject(first.body()), new JsonObject(retry.body()));
    assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(""));
    RawHttp http = new RawHttp(platform.baseUrl());
    assertEquals(1, json(http.get("/v1/RatePlans", auth), 200).getJsonArray("rate_plans").size());
  }

  @Test
  void theSameKeyWithAnotherRequestIs422AndFailuresReleaseTheKey() throws Exception {
    String auth = bearer(platform.newAccount().authToken());
    assertEquals(201, post(platform.baseUrl(), auth, "k-2", "UniqueName=first").statusCode());
    assertError(post(platform.baseUrl(), auth, "k-2", "UniqueName=second"), 422, 20422);

    assertError(post(platform.baseUrl(), auth, "k-3", "DataLimit=0"), 400, 33101);
    assertError(post(platform.baseUrl(), auth, "k-3", "DataLimit=0"), 400, 33101);
    assertEquals(201, post(platform.baseUrl(), auth, "k-4", "UniqueName=another").statusCode());
    assertError(post(platform.baseUrl(), auth, " ", "UniqueName=blank-key"), 400, 33101);
  }

  @Test
  void oneAccountIsThrottledWithRetryAfterWhileAnotherIsNot() throws Exception {
    Vertx vertx = Vertx.vertx();
    WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-limits").toString(), "WIRELESS_PORT", "0",
        "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0",
        "WIRELESS_RATE_LIMIT", "1", "WIRELESS_RATE_LIMIT_BURST", "3"))));
    try {
      RawHttp http = new RawHttp(server.baseUrl());
      String busy = bearer(server.demoCredentials().authToken());
      for (int i = 0; i < 3; i++) {
        assertEquals(200, http.get("/v1/RatePlans", busy).statusCode());
      }
      HttpResponse<String> throttled = http.get("/v1/RatePlans", busy);
      assertError(throttled, 429, 20429);
      assertTrue(Integer.parseInt(throttled.headers().firstValue("Retry-After").orElse("0")) >= 1);
      JsonObject created = json(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials",
          "client_id", server.demoCredentials().accountSid(), "client_secret", server.demoCredentials().authToken()),
          200);
      assertTrue(created.containsKey("access_token"), "the public token endpoint is not throttled per account");
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }
}
