package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A bad event is rejected with its own error and the rest of the batch is kept; requests that are
 * not a batch at all, or lack the operator token, are refused whole with the API's error body.
 */
class IngestionRejectsBadEventsTest extends ContractCheck {

  @Test
  void eachBadEventIsRejectedAndTheRestKept() {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "p"), "active").get(0);
    String p = UUID.randomUUID() + "-";
    OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusHours(2);
    List<Object> batch = new ArrayList<>(List.of(
        session("session_start", p + "ok-1", sim.iccid(), "s", t, t, 0, 0),
        new JsonObject().put("type", "session_update").put("event_id", p + "no-iccid"),
        session("session_update", p + "bad-time", sim.iccid(), "s", t, t, 1, 1).put("time", "yesterday"),
        session("session_update", p + "unknown", "8901000000000000000", "s", t, t, 1, 1),
        session("session_update", p + "negative", sim.iccid(), "s", t, t.plusMinutes(1), -5, 1),
        session("session_update", p + "abroad", sim.iccid(), "s", t, t.plusMinutes(1), 1, 1)
            .put("roaming", "international"),
        session("teleport", p + "kind", sim.iccid(), "s", t, t, 1, 1),
        session("session_update", p + "old", sim.iccid(), "s", t.minusDays(40), t, 1, 1),
        new JsonObject().put("type", "sms_mo").put("event_id", p + "mo").put("iccid", sim.iccid())
            .put("time", t.toString()).put("mode", "text").put("payload", "hello"),
        "not an event",
        session("session_update", p + "ok-2", sim.iccid(), "s", t, t.plusMinutes(5), 2_000, 8_000)));
    JsonObject answer = new NetworkFeed(platform).send(batch.stream().map(o -> o instanceof JsonObject j ? j
        : null).toList().stream().map(j -> j == null ? new JsonObject().put("type", 7) : j).toList());
    JsonArray results = answer.getJsonArray("results");
    assertEquals(batch.size(), results.size());
    assertEquals(3, answer.getInteger("accepted"), answer.encode()); // two sessions and the MO SMS (to Commands)
    assertEquals(batch.size() - 3, answer.getInteger("rejected"));
    for (int i = 0; i < results.size(); i++) {
      JsonObject r = results.getJsonObject(i);
      assertEquals(i, r.getInteger("index"));
      boolean good = i == 0 || i == 8 || i == batch.size() - 1;
      assertEquals(good ? "accepted" : "rejected", r.getString("status"), r.encode());
      if (!good) {
        assertTrue(r.getString("message").length() > 5, r.encode());
        assertEquals(33101, r.getInteger("code"), r.encode());
      }
    }
    assertTrue(results.getJsonObject(3).getString("message").contains("no SIM"));
    assertTrue(results.getJsonObject(5).getString("message").contains("country_code"));
    JsonObject stored = account.get("/v1/Sims/" + sim.sid() + "/DataSessions").getJsonArray("data_sessions")
        .getJsonObject(0);
    assertEquals(8L, stored.getLong("packets_downloaded"));

    HttpResponse<String> metrics = new RawHttp(platform.baseUrl()).get("/metrics", null);
    assertTrue(metrics.body().contains("wireless_ingestion_events_total{outcome=\"rejected\"}"), metrics.body());
  }

  @Test
  void aRequestThatIsNotABatchOrLacksTheOperatorTokenIsRefusedWhole() {
    RawHttp http = new RawHttp(platform.baseUrl());
    String operator = bearer(TestPlatform.OPERATOR_TOKEN);
    assertError(http.post("/network/v1/Events", null, "application/json", "[]"), 401, 20003);
    assertError(http.post("/network/v1/Events", bearer("guess"), "application/json", "[]"), 401, 20003);
    String customer = bearer(platform.newAccount().authToken());
    assertError(http.post("/network/v1/Events", customer, "application/json", "[]"), 401, 20003);
    assertError(http.post("/network/v1/Events", operator, "application/json", "{not json"), 400, 33101);
    assertError(http.post("/network/v1/Events", operator, "application/json", "{\"events\": 3}"), 400, 33101);
    // the required body is missing: 33102, as for every operation validated from a contract
    assertError(http.post("/network/v1/Events", operator, "application/json", ""), 400, 33102);
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(new JsonObject());
    }
    assertError(http.post("/network/v1/Events", operator, "application/json", tooMany.encode()), 400, 33101);
    assertEquals(0, new NetworkFeed(platform).send(List.of()).getJsonArray("results").size());
  }
}
