package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.http.ContractDocument;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The operator's routes as operator.yaml describes them: the contract is served, and a request it
 * does not allow is refused by the router's validation with the API's error body, before any
 * operator code runs; a batch larger than the API's body limit but within the feed's is read.
 */
class OperatorInterfaceTest extends ContractCheck {

  private final RawHttp http = new RawHttp(platform.baseUrl());
  private final String operator = bearer(TestPlatform.OPERATOR_TOKEN);

  @Test
  void theOperatorContractIsServedLikeTheApiContract() {
    HttpResponse<String> served = http.get("/operator/openapi.yaml", null);
    assertEquals(200, served.statusCode());
    assertTrue(served.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
    assertEquals(ContractDocument.operatorText(), served.body());
    assertTrue(served.body().contains("\n  /network/v1/Events:\n"), served.body());
    assertTrue(served.body().contains("\n  /simulator/v1/Sims/{Sid}/Commands:\n"), served.body());
  }

  @Test
  void aBodyTheContractRefusesGetsTheContractsErrorFromTheErrorMapper() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String sim = account.sims(1, account.ratePlan("UniqueName", "p"), "active").get(0).sid();
    String simulator = "/simulator/v1/Sims/" + sim + "/Commands";

    JsonObject mode = assertError(http.postForm(simulator, operator, "Command", "hi", "CommandMode", "loud"), 400, 33101);
    assertTrue(mode.getString("message").startsWith("Invalid value for CommandMode"), mode.encode());
    assertEquals("Invalid parameter value", mode.getString("detail"));
    JsonObject typed = assertError(http.post(simulator, operator, "application/json",
        new JsonObject().put("Command", 42).encode()), 400, 33101);
    assertTrue(typed.getString("message").startsWith("Invalid value for Command"), typed.encode());
    assertError(http.post(simulator, operator, "text/plain", "Command=hi"), 415, 20415);

    JsonObject events = assertError(http.post("/network/v1/Events", operator, "application/json",
        new JsonObject().put("events", "none").encode()), 400, 33101);
    assertTrue(events.getString("message").startsWith("Invalid value for"), events.encode());
    assertError(http.post("/network/v1/Events", operator, "text/plain", "[]"), 415, 20415);
    assertError(http.post("/network/v1/Events", operator, "application/json",
        "[" + "\"x\",".repeat(700_000) + "\"x\"]"), 413, 20413);
  }

  @Test
  void aFullBatchLargerThanTheApisBodyLimitIsRead() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String iccid = account.sims(1, account.ratePlan("UniqueName", "p"), "active").get(0).iccid();
    OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
    String p = UUID.randomUUID() + "-";
    JsonArray batch = new JsonArray();
    for (int i = 0; i < 999; i++) {
      batch.add(session("session_update", p + i, iccid, "s", t, t.plusSeconds(i), i * 100L, i * 400L));
    }
    String body = new JsonObject().put("events", batch).encode();
    assertTrue(body.length() > 64 * 1024, "larger than the API's default body limit: " + body.length());
    JsonObject answer = json(http.post("/network/v1/Events", operator, "application/json", body), 200);
    assertEquals(999, answer.getInteger("accepted"), answer.encode().substring(0, 300));
  }
}
