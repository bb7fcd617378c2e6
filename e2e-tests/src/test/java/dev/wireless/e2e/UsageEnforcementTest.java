package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.server.ingestion.IngestionService;
import dev.wireless.server.ingestion.TrafficSimulator;
import dev.wireless.server.ingestion.UnavailableMessaging;
import dev.wireless.server.usage.PriceTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rate-plan enforcement: over the monthly limit the carrier is told to block (or throttle), the
 * plan's usage_notification_url is called, and the simulated carrier sends no more traffic for a
 * blocked SIM; roaming the plan does not allow is blocked at once.
 */
class UsageEnforcementTest extends ContractCheck {

  private final String p = UUID.randomUUID() + "-";
  private final OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);

  @Test
  void crossingTheDataLimitBlocksTheSimAndCallsTheUsageNotificationUrl() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      UsageTestAccount account = new UsageTestAccount(platform);
      String plan = account.ratePlan("UniqueName", "tiny", "DataLimit", "1", "UsageNotificationUrl",
          receiver.url("/usage"));
      UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
      NetworkFeed feed = new NetworkFeed(platform);
      JsonObject within = feed.send(session("session_start", p + "1", sim.iccid(), "s", t, t, 0, 0),
          session("session_update", p + "2", sim.iccid(), "s", t, t.plusMinutes(1), 100_000, 400_000));
      assertEquals(new JsonArray(), within.getJsonArray("directives"));

      JsonObject over = feed.send(session("session_update", p + "3", sim.iccid(), "s", t, t.plusMinutes(2),
          300_000, 900_000));
      assertEquals(new JsonObject().put("iccid", sim.iccid()).put("sim_sid", sim.sid()).put("action", "block")
          .put("reason", "data_limit"), over.getJsonArray("directives").getJsonObject(0));
      Await.awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
      Map<String, String> callback = receiver.received().get(0).form();
      assertEquals("POST", receiver.received().get(0).method());
      assertEquals(sim.sid(), callback.get("SimSid"));
      assertEquals(account.accountSid(), callback.get("AccountSid"));
      assertEquals(plan, callback.get("RatePlanSid"));
      assertEquals("data_limit", callback.get("Reason"));
      assertEquals("block", callback.get("Action"));
      assertEquals("1200000", callback.get("HomeDataBytes"));

      JsonObject still = feed.send(session("session_update", p + "4", sim.iccid(), "s", t, t.plusMinutes(3),
          400_000, 1_000_000));
      assertEquals("block", still.getJsonArray("directives").getJsonObject(0).getString("action"));
      long notifications = TestPlatform.await(UsageTestAccount.pool(platform).query(
          "select count(*) from callback_deliveries where kind = 'sim.usage_limit' and url = '"
              + receiver.url("/usage") + "'").execute()).iterator().next().getLong(0);
      assertEquals(1, notifications, "the usage notification is sent once per month");
    }
  }

  @Test
  void throttleStrategyThrottlesAndUnallowedRoamingIsBlocked() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String throttle = account.ratePlan("UniqueName", "slow", "DataLimit", "1", "DataLimitStrategy", "throttle",
        "NationalRoamingEnabled", "false");
    var sims = account.sims(3, throttle, "active");
    NetworkFeed feed = new NetworkFeed(platform);
    JsonObject answer = feed.send(
        session("session_update", p + "a", sims.get(0).iccid(), "a", t, t.plusMinutes(1), 600_000, 600_000),
        roaming(session("session_update", p + "b", sims.get(1).iccid(), "b", t, t.plusMinutes(1), 10, 10),
            "international", "DE"),
        roaming(session("session_update", p + "c", sims.get(2).iccid(), "c", t, t.plusMinutes(1), 10, 10),
            "national", ""));
    assertEquals(3, answer.getInteger("accepted"));
    JsonArray directives = answer.getJsonArray("directives");
    assertEquals(3, directives.size(), directives.encode());
    assertEquals("throttle", action(directives, sims.get(0).sid()).getString("action"));
    assertEquals("international_roaming_disabled", action(directives, sims.get(1).sid()).getString("reason"));
    assertEquals("block", action(directives, sims.get(1).sid()).getString("action"));
    assertEquals("national_roaming_disabled", action(directives, sims.get(2).sid()).getString("reason"));
  }

  @Test
  void theSimulatedCarrierSendsNoMoreTrafficForABlockedSim() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String generous = account.ratePlan("UniqueName", "roam", "NationalRoamingEnabled", "true",
        "InternationalRoaming", "data");
    String disabled = account.ratePlan("UniqueName", "off", "DataEnabled", "false");
    UsageTestAccount.Sim allowed = account.sims(1, generous, "active").get(0);
    UsageTestAccount.Sim blocked = account.sims(1, disabled, "active").get(0);
    JsonObject first = new NetworkFeed(platform).send(session("session_update", p + "x", blocked.iccid(), "x", t,
        t.plusMinutes(1), 1_000, 1_000));
    assertEquals("data_disabled", first.getJsonArray("directives").getJsonObject(0).getString("reason"));
    long before = total(account, blocked);

    var pool = UsageTestAccount.pool(platform);
    IngestionService ingestion = new IngestionService(pool, PriceTable.defaults(),
        new CallbackOutbox(RetrySchedule.parse("0s")), new UnavailableMessaging(), Clock.systemUTC());
    TrafficSimulator carrier = new TrafficSimulator(pool, ingestion, account.accountSid(), Clock.systemUTC(),
        new Random(7));
    for (int round = 0; round < 30; round++) {
      TestPlatform.await(carrier.tick());
    }
    assertTrue(total(account, allowed) > 0, "the allowed SIM used data");
    assertEquals(before, total(account, blocked), "no usage accrues for a blocked SIM");
  }

  private static JsonObject action(JsonArray directives, String simSid) {
    return directives.stream().map(JsonObject.class::cast).filter(d -> simSid.equals(d.getString("sim_sid")))
        .findFirst().orElseThrow(() -> new AssertionError("no directive for " + simSid + ": " + directives));
  }

  private static long total(UsageTestAccount account, UsageTestAccount.Sim sim) {
    return account.get("/v1/Sims/" + sim.sid() + "/UsageRecords").getJsonArray("usage_records").getJsonObject(0)
        .getJsonObject("data").getLong("total");
  }
}
