package dev.wireless.server.sims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.paging.PageRequest;
import dev.wireless.server.rateplans.NewRatePlan;
import dev.wireless.server.rateplans.RatePlanRepository;
import dev.wireless.server.rateplans.RatePlanService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two workers with their own connection pools (as two processes would have) drain 500 jobs from one
 * database: every job reaches the carrier exactly once, never twice at the same time, none is lost.
 */
class TwoWorkersTest {

  private static final int JOBS = 500;

  private static EmbeddedDatabase database;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    database = EmbeddedDatabase.startTemporary();
    Migrations.migrate(database.location());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    database.close();
  }

  @Test
  void twoWorkersProcess500JobsOnceEach() {
    Pool pool = pool();
    String account = await(new AccountService(pool, Duration.ofHours(1), SecretBox.random()).create("w", null))
        .accountSid();
    await(new RatePlanService(new RatePlanRepository(pool)).create(account, new NewRatePlan("p", null, null, null, null,
        null, null, null, null, null, null, null, null, null)));
    List<String> lines = new ArrayList<>(List.of("iccid"));
    for (int i = 0; i < JOBS; i++) {
      lines.add(Iccids.random("04"));
    }
    await(new SimInventory(pool).importFile(account, lines));
    SimService sims = new SimService(pool);
    List<SimRow> all = await(sims.list(account, new SimFilter(null, null, null, false, null, null), null,
        PageRequest.of(1000, 0, null))).items();
    for (SimRow sim : all) {
      await(sims.update(account, sim.sid(), new SimUpdate(null, null, null, null, "p", SimState.READY, null, null, null,
          null, null, null, null, null, null, null, false, null), "/v1/Sims/" + sim.sid()));
    }

    RecordingCarrier carrier = new RecordingCarrier();
    AtomicInteger callbacks = new AtomicInteger();
    SimCallbacks counting = (tx, callback) -> {
      callbacks.incrementAndGet();
      return Future.succeededFuture();
    };
    ProvisioningSettings settings = new ProvisioningSettings(Duration.ZERO, 0, 0, Duration.ofSeconds(1),
        Duration.ofHours(72), Duration.ofDays(90), 1, Duration.ofMinutes(5), Duration.ofMillis(10));
    List<ProvisioningWorker> workers = List.of(
        new ProvisioningWorker(vertx, pool(), carrier, counting, settings, "process-a"),
        new ProvisioningWorker(vertx, pool(), carrier, counting, settings, "process-b"));
    workers.forEach(ProvisioningWorker::start);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (count(pool, "select count(*) from provisioning_jobs where origin = 'request' and state = 'completed'")
          < JOBS) {
        assertTrue(System.nanoTime() < deadline, "jobs not all completed in time");
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    } finally {
      workers.forEach(w -> await(w.stop()));
    }

    assertEquals(JOBS, carrier.calls.size());
    assertTrue(carrier.calls.values().stream().allMatch(n -> n.get() == 1), "a job reached the carrier twice");
    assertEquals(1, carrier.maxConcurrentPerJob.get());
    assertEquals(JOBS, count(pool, "select count(*) from sims where status = 'ready'"));
    assertEquals(0, callbacks.get(), "no CallbackUrl was given, so no callback");
    assertEquals(2, count(pool, "select count(distinct locked_by) from provisioning_jobs where origin = 'request'"),
        "both workers took jobs");
  }

  private Pool pool() {
    return PgBuilder.pool().connectingTo(database.location().connectOptions()).using(vertx).build();
  }

  private static long count(Pool pool, String query) {
    return await(pool.query(query).execute()).iterator().next().getLong(0);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers after a random 0-3 ms and records, per job, how many calls there were and how many overlapped. */
  private final class RecordingCarrier implements NetworkGateway {
    final Map<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final AtomicInteger maxConcurrentPerJob = new AtomicInteger();

    @Override
    public Future<CarrierResult> provisionStatus(CarrierRequest request) {
      calls.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
      int now = inFlight.computeIfAbsent(request.jobId(), id -> new AtomicInteger()).incrementAndGet();
      maxConcurrentPerJob.accumulateAndGet(now, Math::max);
      Promise<CarrierResult> answer = Promise.promise();
      vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(3), t -> {
        inFlight.get(request.jobId()).decrementAndGet();
        answer.complete(CarrierResult.applied());
      });
      return answer.future();
    }

    @Override
    public Future<CarrierResult> resetConnectivity(CarrierRequest request) {
      return provisionStatus(request);
    }
  }
}
