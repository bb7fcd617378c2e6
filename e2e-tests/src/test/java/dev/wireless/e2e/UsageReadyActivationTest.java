package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.usage.PriceTable;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code ready → active} by use: after 250 KB of data (the SIM's status callback then fires for
 * {@code active}) or after 5 commands counted through {@link UsageRollups#countCommand}.
 */
class UsageReadyActivationTest extends ContractCheck {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private final String p = UUID.randomUUID() + "-";
  private final OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);

  @Test
  void aReadySimBecomesActiveAfter250KilobytesAndItsCallbackSaysSo() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      UsageTestAccount account = new UsageTestAccount(platform);
      String plan = account.ratePlan("UniqueName", "starter");
      UsageTestAccount.Sim sim = account.sims(1, null, null).get(0);
      RawHttp.json(account.http.postForm("/v1/Sims/" + sim.sid(), account.auth, "Status", "ready", "RatePlan", plan,
          "CallbackUrl", receiver.url("/status")), 202);
      Await.awaitUntil(DEADLINE, () -> status(account, sim).equals("ready"));
      NetworkFeed feed = new NetworkFeed(platform);
      feed.send(session("session_update", p + "1", sim.iccid(), "s", t, t.plusMinutes(1), 50_000, 150_000));
      assertEquals(0, dueActivations(sim), "200 KB is not enough");

      feed.send(session("session_update", p + "2", sim.iccid(), "s", t, t.plusMinutes(2), 60_000, 200_000));
      Await.awaitUntil(DEADLINE, () -> status(account, sim).equals("active"));
      Await.awaitUntil(DEADLINE, () -> receiver.received().size() >= 2);
      assertEquals(List.of("ready", "active"), receiver.received().stream().map(r -> r.form().get("Status")).toList());
    }
  }

  @Test
  void aReadySimBecomesActiveAfterFiveCommandsWhichAreCountedAsUsage() {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "cmd"), "ready").get(0);
    var pool = UsageTestAccount.pool(platform);
    for (int i = 0; i < 5; i++) {
      String direction = i < 3 ? "to_sim" : "from_sim";
      TestPlatform.await(pool.withTransaction(tx -> new UsageRollups(tx, PriceTable.defaults())
          .countCommand(account.accountSid(), sim.sid(), direction, "home", null, t)));
      if (i == 3) {
        assertEquals(0, dueActivations(sim), "4 commands are not enough");
      }
    }
    Await.awaitUntil(DEADLINE, () -> status(account, sim).equals("active"));
    JsonObject commands = account.get("/v1/Sims/" + sim.sid() + "/UsageRecords").getJsonArray("usage_records")
        .getJsonObject(0).getJsonObject("commands");
    assertEquals(3L, commands.getLong("to_sim"));
    assertEquals(2L, commands.getLong("from_sim"));
    assertEquals(5L, commands.getJsonObject("home").getLong("total"));
    assertEquals(0.05, commands.getDouble("billed"), 1e-9);
  }

  private static String status(UsageTestAccount account, UsageTestAccount.Sim sim) {
    return account.get("/v1/Sims/" + sim.sid()).getString("status");
  }

  /** Activation jobs of the SIM that are due (the 3-month timer is not). */
  private long dueActivations(UsageTestAccount.Sim sim) {
    return TestPlatform.await(UsageTestAccount.pool(platform).query("select count(*) from provisioning_jobs j "
        + "join sims s on s.id = j.sim_id where s.sid = '" + sim.sid() + "' and j.target_status = 'active' "
        + "and j.run_at < now() + interval '1 day'").execute()).iterator().next().getLong(0);
  }
}
