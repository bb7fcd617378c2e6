package dev.wireless.persistence.jobs;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.TestDatabase;
import dev.wireless.persistence.jooq.tables.records.CommandJobsRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job engine's guarantees (module README), on a real Postgres and a real job table
 * ({@code command_jobs}, its kind in {@code stage}). A lease that has already run out is a negative
 * lease, so a rescue is tested without waiting for a clock.
 */
class JobQueueTest {

  private static final dev.wireless.persistence.jooq.tables.CommandJobs J = COMMAND_JOBS;
  private static final JobQueue<CommandJobsRecord> QUEUE = new JobQueue<>(JobTable.of(J, J.STAGE));
  private static final Template CLAIM_ALL = QUEUE.claimRows(List.of());
  private static final Template CLAIM_REPORTS = QUEUE.claimRows(List.of("report"));
  private static final Duration LEASE = Duration.ofMinutes(1);
  private static final Duration EXPIRED = Duration.ofSeconds(-1);
  private static final String ACCOUNT = "AC" + "ab".repeat(16);

  private static TestDatabase database;
  private static Pool pool;
  private static long command;

  @BeforeAll
  static void start() {
    database = TestDatabase.start(new PoolOptions().setMaxSize(4));
    pool = database.pool();
    await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, ACCOUNT)
        .set(ACCOUNTS.PRIMARY_TOKEN_HASH, ACCOUNT.getBytes(StandardCharsets.US_ASCII))));
    command = await(SqlExecutor.execute(pool, SQL.insertInto(COMMANDS).set(COMMANDS.SID, "DC" + "01".repeat(16))
            .set(COMMANDS.ACCOUNT_SID, ACCOUNT).set(COMMANDS.SIM_SID, "DE" + "02".repeat(16))
            .set(COMMANDS.COMMAND, "ping").set(COMMANDS.PAYLOAD, "ping").set(COMMANDS.STATUS, "queued")
            .set(COMMANDS.DIRECTION, "to_sim").returning(COMMANDS.ID)))
        .iterator().next().getLong(0);
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @BeforeEach
  void emptyQueue() {
    await(SqlExecutor.execute(pool, SQL.deleteFrom(J)));
  }

  @Test
  void twoClaimersNeverGetTheSameJob() {
    for (int i = 0; i < 60; i++) {
      enqueue("send", Duration.ZERO);
    }
    List<Long> claimed = new ArrayList<>();
    for (int round = 0; round < 10 && claimed.size() < 60; round++) {
      // four claims at once, each on its own connection
      List<Future<List<Row>>> claims = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        claims.add(claim(CLAIM_ALL, "worker-" + round + "-" + w, 7, LEASE)); // a worker re-takes its own
      }
      await(Future.all(claims));
      claims.forEach(c -> c.result().forEach(row -> claimed.add(row.getLong("id"))));
    }
    assertEquals(60, claimed.size());
    assertEquals(60, new HashSet<>(claimed).size(), "a job was claimed twice: " + claimed);
    assertEquals(0, await(claim(CLAIM_ALL, "late", 10, LEASE)).size());
  }

  @Test
  void aClaimLeasesToTheWorkerAndCountsTheAttempt() {
    long id = enqueue("send", Duration.ZERO);
    Row row = await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).get(0);
    assertEquals(id, row.getLong("id"));
    assertEquals(JobState.RUNNING, row.getString("state"));
    assertEquals("worker-a", row.getString("locked_by"));
    assertEquals(1, row.getInteger("attempts"));
    assertTrue(secondsUntil(id, J.LOCKED_UNTIL) > 50, "lease of about a minute");
    assertEquals(0, await(claim(CLAIM_ALL, "worker-b", 10, LEASE)).size(), "a leased job is not due");
  }

  @Test
  void aJobNotYetDueIsNotClaimed() {
    enqueue("send", Duration.ofMinutes(5));
    assertEquals(0, await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).size());
  }

  @Test
  void onlyTheClaimedKindsAreTaken() {
    enqueue("send", Duration.ZERO);
    long report = enqueueReport();
    List<Row> reports = await(claim(CLAIM_REPORTS, "reporter", 10, LEASE));
    assertEquals(List.of(report), reports.stream().map(r -> r.getLong("id")).toList());
    assertEquals(List.of("send"), await(claim(CLAIM_ALL, "sender", 10, LEASE)).stream()
        .map(r -> r.getString("stage")).toList());
  }

  @Test
  void anExpiredLeaseIsRescuedByTheNextClaim() {
    long id = enqueue("send", Duration.ZERO);
    assertEquals(1, await(claim(CLAIM_ALL, "stalled", 10, EXPIRED)).size());
    Row rescued = await(claim(CLAIM_ALL, "rescuer", 10, LEASE)).get(0);
    assertEquals(id, rescued.getLong("id"));
    assertEquals("rescuer", rescued.getString("locked_by"));
    assertEquals(2, rescued.getInteger("attempts"), "the stalled attempt counts");
  }

  @Test
  void aWorkerReclaimsAJobStillLeasedToItself() {
    long id = enqueue("send", Duration.ZERO);
    await(claim(CLAIM_ALL, "worker-a", 10, LEASE));
    assertEquals(0, await(claim(CLAIM_ALL, "worker-b", 10, LEASE)).size());
    assertEquals(List.of(id), await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).stream()
        .map(r -> r.getLong("id")).toList());
  }

  @Test
  void aFinishByAWorkerThatLostItsLeaseIsRefused() {
    long id = enqueue("send", Duration.ZERO);
    await(claim(CLAIM_ALL, "stalled", 10, EXPIRED));
    await(claim(CLAIM_ALL, "rescuer", 10, LEASE));
    assertInstanceOf(LeaseLostException.class, failure(QUEUE.finish(pool, id, "stalled", JobState.COMPLETED, null)));
    assertInstanceOf(LeaseLostException.class, failure(QUEUE.retry(pool, id, "stalled", Duration.ZERO, "late")));
    assertEquals(0, await(QUEUE.completeAll(pool, List.of(id), "stalled")));
    assertEquals(JobState.RUNNING, state(id));
    await(QUEUE.finish(pool, id, "rescuer", JobState.COMPLETED, null));
    assertEquals(JobState.COMPLETED, state(id));
    assertInstanceOf(LeaseLostException.class, failure(QUEUE.finish(pool, id, "rescuer", JobState.FAILED, "twice")),
        "a job ends once");
  }

  @Test
  void enqueueCommitsAndRollsBackWithItsTransaction() {
    Throwable failure = failure(pool.withTransaction(tx -> QUEUE.enqueue(tx, "send", Map.of(J.COMMAND_ID, command),
        Duration.ZERO).compose(id -> Future.failedFuture(new IllegalStateException("the caller's work failed")))));
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals(0, count());
    long id = await(pool.withTransaction(tx -> QUEUE.enqueue(tx, "send", Map.of(J.COMMAND_ID, command),
        Duration.ZERO)));
    assertEquals(1, count());
    assertEquals(JobState.QUEUED, state(id));
  }

  @Test
  void aRetryWaitsItsBackoffAndKeepsTheError() {
    long id = enqueue("send", Duration.ZERO);
    Row claimed = await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).get(0);
    Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(10));
    Duration delay = backoff.after(claimed.getInteger("attempts"));
    assertEquals(Duration.ofSeconds(60), delay);
    await(QUEUE.retry(pool, id, "worker-a", delay, "carrier busy"));
    assertEquals(JobState.QUEUED, state(id));
    double wait = secondsUntil(id, J.RUN_AT);
    assertTrue(wait > 55 && wait <= 60, "due after the back-off, not " + wait + " s");
    assertEquals(0, await(claim(CLAIM_ALL, "worker-b", 10, LEASE)).size(), "not due before its back-off");
    Row row = await(SqlExecutor.execute(pool, SQL.select(J.LAST_ERROR, J.LOCKED_BY).from(J).where(J.ID.eq(id))))
        .iterator().next();
    assertEquals("carrier busy", row.getString(0));
    assertEquals(null, row.getString(1));
  }

  @Test
  void backoffDoublesUpToItsCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofMinutes(1));
    assertEquals(Duration.ofMillis(500), backoff.after(1));
    assertEquals(Duration.ofMillis(1000), backoff.after(2));
    assertEquals(Duration.ofMinutes(1), backoff.after(9));
    assertEquals(Duration.ofMinutes(1), backoff.after(1_000));
  }

  @Test
  void aJobGivenUpAfterItsLastAttemptIsNeverClaimedAgain() {
    long id = enqueue("send", Duration.ZERO);
    await(SqlExecutor.execute(pool, SQL.update(J).set(J.MAX_ATTEMPTS, 2).where(J.ID.eq(id))));
    Row first = await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).get(0);
    assertTrue(!Backoff.exhausted(first.getInteger("attempts"), first.getInteger("max_attempts")));
    await(QUEUE.retry(pool, id, "worker-a", Duration.ZERO, "first failure"));
    Row second = await(claim(CLAIM_ALL, "worker-a", 10, LEASE)).get(0);
    assertTrue(Backoff.exhausted(second.getInteger("attempts"), second.getInteger("max_attempts")));
    await(QUEUE.finish(pool, id, "worker-a", JobState.FAILED, "given up"));
    assertEquals(JobState.FAILED, state(id));
    assertEquals(0, await(claim(CLAIM_ALL, "worker-b", 10, LEASE)).size());
  }

  @Test
  void releaseHandsBackAStoppingWorkersJobsWithoutCountingTheAttempt() {
    long id = enqueue("send", Duration.ZERO);
    long other = enqueue("send", Duration.ZERO);
    await(claim(CLAIM_ALL, "stopping", 1, LEASE));
    await(claim(CLAIM_ALL, "staying", 1, LEASE));
    assertEquals(1, await(QUEUE.release(pool, "stopping")));
    Row taken = await(claim(CLAIM_ALL, "next", 10, LEASE)).get(0);
    assertEquals(id, taken.getLong("id"));
    assertEquals(1, taken.getInteger("attempts"), "the interrupted attempt was not counted");
    assertEquals(JobState.RUNNING, state(other));
  }

  @Test
  void cancelAndRunNowTouchOnlyQueuedJobs() {
    long later = enqueue("send", Duration.ofHours(1));
    long running = enqueue("receipt", Duration.ZERO);
    await(claim(CLAIM_ALL, "worker-a", 10, LEASE));
    assertEquals(1, await(QUEUE.runNow(pool, J.COMMAND_ID.eq(command))));
    assertTrue(secondsUntil(later, J.RUN_AT) <= 0);
    assertEquals(1, await(QUEUE.cancelQueued(pool, J.COMMAND_ID.eq(command))));
    assertEquals(JobState.CANCELED, state(later));
    assertEquals(JobState.RUNNING, state(running));
  }

  private static long enqueue(String kind, Duration delay) {
    return await(QUEUE.enqueue(pool, kind, Map.of(J.COMMAND_ID, command), delay));
  }

  private static long enqueueReport() {
    return await(QUEUE.enqueue(pool, "report", Map.of(J.COMMAND_ID, command, J.REPORT_DELIVERED, true),
        Duration.ZERO));
  }

  private static Future<List<Row>> claim(Template claim, String worker, int limit, Duration lease) {
    return QUEUE.claim(claim, pool, worker, limit, lease).map(rows -> {
      List<Row> list = new ArrayList<>();
      rows.forEach(list::add);
      return list;
    });
  }

  private static String state(long id) {
    return await(SqlExecutor.execute(pool, SQL.select(J.STATE).from(J).where(J.ID.eq(id)))).iterator().next()
        .getString(0);
  }

  private static int count() {
    return await(SqlExecutor.execute(pool, SQL.selectCount().from(J))).iterator().next().getInteger(0);
  }

  /** Seconds from the database's now() to the job's {@code column}. */
  private static double secondsUntil(long id, Field<java.time.OffsetDateTime> column) {
    return await(SqlExecutor.execute(pool, SQL.select(org.jooq.impl.DSL.extract(column.minus(DatabaseClock.now()),
        org.jooq.DatePart.EPOCH)).from(J).where(J.ID.eq(id)))).iterator().next().getNumeric(0).doubleValue();
  }

  private static Throwable failure(Future<?> future) {
    return await(future.<Throwable>map(ok -> null).recover(Future::succeededFuture));
  }
}
