package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What an operator and an API consumer reach without an account: health, metrics, docs, the contract. */
class OperationsEndpointsTest extends ContractCheck {

  private final RawHttp http = new RawHttp(TestPlatform.get().baseUrl());

  @Test
  void healthEndpointsAnswerWithoutCredentials() {
    assertEquals("up", json(http.get("/health/live", null), 200).getString("status"));
    assertEquals("ready", json(http.get("/health/ready", null), 200).getString("status"));
  }

  @Test
  void metricsCountRequestsPerOperationAndStatus() {
    String auth = bearer(platform.newAccount().authToken());
    json(http.get("/v1/RatePlans", auth), 200);
    assertError(http.get("/v1/RatePlans/nope", auth), 404, 20404);

    HttpResponse<String> metrics = http.get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("wireless_http_requests_seconds_count{operation=\"ListRatePlan\",status=\"200\"}"),
        metrics.body());
    assertTrue(metrics.body().contains("operation=\"FetchRatePlan\",status=\"404\""));
    assertTrue(metrics.body().contains("wireless_callbacks{state=\"pending\"}"), "callback queue by state");
    assertTrue(metrics.body().contains("wireless_provisioning_jobs{state=\"queued\"}"), "job queue depth");
    assertTrue(metrics.body().contains("wireless_provisioning_oldest_due_seconds"), "job queue age");
    assertTrue(metrics.body().contains("vertx_pool_"), "database pool usage");
  }

  @Test
  void everyResponseCarriesARequestIdAndTheServerProduct() {
    HttpResponse<String> generated = http.get("/health/live", null);
    assertTrue(generated.headers().firstValue("X-Request-Id").orElse("").length() >= 8);
    assertEquals("wireless", generated.headers().firstValue("Server").orElse(""), "the product, never its version");
    assertError(http.get("/v1/RatePlans", null), 401, 20003);
  }

  @Test
  void healthAndMetricsCanMoveToASeparateManagementPort() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    dev.wireless.server.WirelessServer server = TestPlatform.await(dev.wireless.server.WirelessServer.start(vertx,
        dev.wireless.server.config.ServerConfig.from(java.util.Map.of(
            "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-mgmt").toString(),
            "WIRELESS_PORT", "0", "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true",
            "WIRELESS_PROVISIONING_WORKERS", "0", "WIRELESS_MANAGEMENT_PORT", "0"))));
    try {
      RawHttp management = new RawHttp("http://127.0.0.1:" + server.managementPort());
      RawHttp api = new RawHttp(server.baseUrl());
      assertEquals(200, management.get("/health/ready", null).statusCode());
      assertEquals(200, management.get("/metrics", null).statusCode());
      assertError(api.get("/health/ready", null), 404, 20404);
      assertEquals(200, api.get("/docs", null).statusCode());
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }

  @Test
  void theContractIsServedAsYamlAndJson() {
    HttpResponse<String> yaml = http.get("/v1/openapi.yaml", null);
    assertEquals(200, yaml.statusCode());
    assertTrue(yaml.body().contains("operationId: ListSim"));
    JsonObject json = json(http.get("/v1/openapi.json", null), 200);
    assertTrue(json.getJsonObject("paths").containsKey("/v1/Sims/{Sid}"));
  }

  @Test
  void errorLinksLeadToAnExplanation() {
    JsonObject error = assertError(http.get("/v1/RatePlans?PageSize=0", bearer(platform.newAccount().authToken())),
        400, 33103);
    HttpResponse<String> page = http.get(error.getString("more_info"), null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("33103") && page.body().contains("Paging"), page.body());
    HttpResponse<String> all = http.get("/docs/errors.json", null);
    assertEquals(200, all.statusCode());
    assertTrue(new io.vertx.core.json.JsonArray(all.body()).stream()
        .anyMatch(entry -> ((JsonObject) entry).getInteger("code") == 33103));
  }

  @Test
  void theReferencePageLoadsItsScriptFromTheServer() {
    HttpResponse<String> page = http.get("/docs", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("/docs/assets/redoc.standalone.js"));
    assertEquals(200, http.get("/docs/assets/redoc.standalone.js", null).statusCode());
  }
}
