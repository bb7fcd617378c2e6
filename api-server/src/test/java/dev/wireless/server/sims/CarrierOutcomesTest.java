package dev.wireless.server.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.carrier.SimulatedCarrier;
import dev.wireless.server.rateplans.NewRatePlan;
import dev.wireless.server.rateplans.RatePlanRepository;
import dev.wireless.server.rateplans.RatePlanService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the SIM and its callback show when the simulated carrier refuses a change or schedules it for later. */
class CarrierOutcomesTest {

  private static EmbeddedDatabase database;
  private static Vertx vertx;
  private static Pool pool;

  private final List<SimCallbacks.StatusCallback> callbacks = new CopyOnWriteArrayList<>();
  private final SimCallbacks recording = (tx, callback) -> {
    callbacks.add(callback);
    return Future.succeededFuture();
  };

  @BeforeAll
  static void start() {
    database = EmbeddedDatabase.startTemporary();
    Migrations.migrate(database.location());
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(database.location().connectOptions()).using(vertx).build();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    database.close();
  }

  @Test
  void aRefusalKeepsThePreviousStatusAndTheCallbackCarriesTheError() {
    SimRow sim = activeSim();
    runWith(new SimulatedCarrier(vertx, Duration.ZERO, 1.0, 0, Duration.ZERO, () -> 0.5), () -> {
      request(sim, SimState.SUSPENDED);
      awaitUntil(() -> callbacks.size() == 1);
    });
    assertEquals("active", fetch(sim).status());
    Map<String, String> params = params(callbacks.get(0));
    assertEquals("active", params.get("Status"));
    assertEquals(String.valueOf(SimulatedCarrier.REFUSED_CODE), params.get("ErrorCode"));
    assertTrue(params.get("ErrorMessage").contains("suspended"), params.toString());
    assertEquals(1L, await(pool.query("select count(*) from alerts where error_code = 33000 and resource_sid = '"
        + sim.sid() + "'").execute()).iterator().next().getLong(0), "a Debugger alert was recorded");
  }

  @Test
  void aScheduledChangeShowsScheduledThenApplies() {
    SimRow sim = activeSim();
    NetworkGateway carrier = new SimulatedCarrier(vertx, Duration.ZERO, 0, 1.0, Duration.ofMillis(300), () -> 0.5);
    runWith(carrier, () -> {
      request(sim, SimState.SUSPENDED);
      awaitUntil(() -> fetch(sim).status().equals("scheduled"));
      awaitUntil(() -> fetch(sim).status().equals("suspended"));
    });
    assertEquals(1, callbacks.size());
    assertEquals("suspended", params(callbacks.get(0)).get("Status"));
  }

  private void runWith(NetworkGateway carrier, Runnable scenario) {
    ProvisioningSettings settings = new ProvisioningSettings(Duration.ZERO, 0, 0, Duration.ZERO, Duration.ofHours(72),
        Duration.ofDays(90), 1, Duration.ofMinutes(5), Duration.ofMillis(10));
    ProvisioningWorker worker = new ProvisioningWorker(vertx, pool, carrier, recording, settings, "test");
    worker.start();
    try {
      scenario.run();
    } finally {
      await(worker.stop());
    }
  }

  private SimRow activeSim() {
    String account = await(new AccountService(pool, Duration.ofHours(1), SecretBox.random()).create("c", null))
        .accountSid();
    await(new RatePlanService(new RatePlanRepository(pool)).create(account, new NewRatePlan("p", null, null, null, null,
        null, null, null, null, null, null, null, null, null)));
    await(new SimInventory(pool).importFile(account, List.of("iccid,unique_name", Iccids.random("05") + ",s")));
    await(pool.query("update sims set status = 'active', rate_plan_id = (select id from rate_plans where account_sid = '"
        + account + "') where account_sid = '" + account + "'").execute());
    return await(new SimService(pool).fetch(account, "s", "/v1/Sims/s"));
  }

  private void request(SimRow sim, SimState status) {
    await(new SimService(pool).update(sim.accountSid(), sim.sid(), new SimUpdate(null, null, "https://example.com/cb",
        null, null, status, null, null, null, null, null, null, null, null, null, null, false, null), "/"));
  }

  private SimRow fetch(SimRow sim) {
    return await(new SimService(pool).fetch(sim.accountSid(), sim.sid(), "/"));
  }

  private static Map<String, String> params(SimCallbacks.StatusCallback callback) {
    return callback.params().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void awaitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met in time");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
