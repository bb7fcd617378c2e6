package dev.wireless.persistence.jobs;

import static dev.wireless.persistence.SqlExecutor.SQL;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The job engine over one job table: the only place jobs are claimed, leased, ended, retried,
 * rescued and released (state diagram and guarantees: module README).
 *
 * <ul>
 *   <li>{@link #enqueue} writes a job on the caller's transaction: it exists exactly if that
 *       transaction commits.</li>
 *   <li>The claim ({@link #claim}) takes due jobs with {@code FOR UPDATE SKIP LOCKED}, so two
 *       workers never take the same job, and leases each to its worker until
 *       {@code now() + lease}. A {@code running} job whose lease expired is due again: the claim
 *       is also the rescue of a worker that died or stalled.</li>
 *   <li>Every change of a claimed job ({@link #finish}, {@link #retry}, {@link #completeAll}) is
 *       guarded by {@code state = 'running' and locked_by = worker}: a worker that lost its lease
 *       cannot end the job its rescuer holds ({@link LeaseLostException}).</li>
 *   <li>{@link #release} hands back a stopping worker's jobs, due at once and the interrupted
 *       attempt not counted.</li>
 * </ul>
 *
 * @param <R> the job table's record type
 */
public final class JobQueue<R extends Record> {

  private final JobTable<R> t;

  public JobQueue(JobTable<R> table) {
    this.t = table;
  }

  public JobTable<R> table() {
    return t;
  }

  /** Writes a job of {@code kind}, due after {@code delay}, on the caller's transaction; returns its id. */
  public Future<Long> enqueue(SqlClient tx, String kind, Map<Field<?>, ?> columns, Duration delay) {
    return SqlExecutor.execute(tx, SQL.insertInto(t.table()).set(columns).set(t.kind(), kind)
            .set(t.runAt(), DatabaseClock.plus(delay)).returning(t.id()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /**
   * The due jobs of {@code kinds} (every kind when empty), as the CTE {@code due}, locked with
   * SKIP LOCKED: queued and due, or running with an expired lease (the rescue), or running and
   * leased to the claiming worker itself. A worker claims only between batches, so a job still
   * leased to it is one whose outcome could not be written (the database was away): it is due now
   * rather than when its lease runs out. Placeholders: that worker, then the limit.
   *
   * <p>Every candidate has {@code run_at <= now()}: a running job was claimed when it was due and
   * the claim leaves {@code run_at} alone. Saying so bounds the scan of the due index
   * ({@code (run_at, id)} over queued and running jobs) at now, so the jobs scheduled for later (a
   * Command's delivery report or receipt timeout, a SIM's timer: as many as the rate times the
   * wait) are never read by a claim; without the bound, the rescue's branch made every claim walk
   * all of them.
   */
  public CommonTableExpression<Record1<Long>> due(Collection<String> kinds) {
    Field<OffsetDateTime> now = DatabaseClock.now();
    Condition ofKind = kinds.isEmpty() ? DSL.noCondition()
        : t.kind().in(kinds.stream().map(DSL::inline).toList());
    return DSL.name("due").as(DSL.select(t.id()).from(t.table())
        .where(t.runAt().le(now))
        .and(t.state().eq(DSL.inline(JobState.QUEUED))
            .or(t.state().eq(DSL.inline(JobState.RUNNING)).and(t.lockedUntil().lt(now)
                .or(t.lockedBy().eq(DSL.param(t.lockedBy().getDataType()))))))
        .and(ofKind)
        .orderBy(t.runAt(), t.id()).limit(DSL.param(SQLDataType.INTEGER))
        .forUpdate().skipLocked());
  }

  /**
   * The lease of the {@code due} jobs, as the CTE {@code claimed} returning {@code columns}: each
   * becomes {@code running}, its attempt counted, leased to the worker. Placeholders: the worker,
   * then the lease in milliseconds.
   */
  public CommonTableExpression<Record> claimed(CommonTableExpression<Record1<Long>> due, Field<?>... columns) {
    Field<OffsetDateTime> now = DatabaseClock.now();
    return DSL.name("claimed").as(SQL.update(t.table()).set(t.state(), DSL.inline(JobState.RUNNING))
        .set(t.attempts(), t.attempts().plus(DSL.inline(1)))
        .set(t.lockedBy(), DSL.param(t.lockedBy().getDataType()))
        .set(t.lockedUntil(), DatabaseClock.plusMillis(DSL.param(SQLDataType.DOUBLE)))
        .set(t.updatedAt(), now)
        .from(due).where(t.id().eq(due.field(t.id())))
        .returningResult(columns));
  }

  /** The claim of whole job rows of {@code kinds}, in id order; rendered once by its caller, run by {@link #claim}. */
  public Template claimRows(Collection<String> kinds) {
    var due = due(kinds);
    var claimed = claimed(due, t.table().fields());
    return Template.of(SQL.with(due).with(claimed).select(claimed.fields()).from(claimed)
        .orderBy(claimed.field(t.id())));
  }

  /**
   * Runs a claim built from {@link #due} and {@link #claimed} (whatever else it selects, with no
   * placeholders of its own): up to {@code limit} jobs leased to {@code worker} for {@code lease}.
   */
  public Future<RowSet<Row>> claim(Template claim, SqlClient db, String worker, int limit, Duration lease) {
    return claim.execute(db, worker, limit, worker, (double) lease.toMillis());
  }

  /** Ends a running job as {@code state} (completed, failed or canceled); fails if the lease was lost. */
  public Future<Void> finish(SqlClient tx, long id, String worker, String state, String error) {
    if (!JobState.FINAL.contains(state)) {
      throw new IllegalArgumentException(state + " is no final state");
    }
    Field<OffsetDateTime> now = DatabaseClock.now();
    return guarded(tx, id, SQL.update(t.table()).set(t.state(), state).set(t.lastError(), error)
        .set(t.finishedAt(), now).set(t.lockedUntil(), (OffsetDateTime) null).set(t.updatedAt(), now)
        .where(t.id().eq(id)).and(held(worker)));
  }

  /**
   * Puts a running job back in the queue, due after {@code delay} (a back-off, or a wait its kind
   * chose); fails if the lease was lost.
   */
  public Future<Void> retry(SqlClient tx, long id, String worker, Duration delay, String error) {
    return guarded(tx, id, SQL.update(t.table()).set(t.state(), JobState.QUEUED)
        .set(t.runAt(), DatabaseClock.plus(delay)).set(t.lastError(), error)
        .set(t.lockedBy(), (String) null).set(t.lockedUntil(), (OffsetDateTime) null)
        .set(t.updatedAt(), DatabaseClock.now())
        .where(t.id().eq(id)).and(held(worker)));
  }

  /** Completes those of {@code ids} that {@code worker} still holds, in one statement; the others are left alone. */
  public Future<Integer> completeAll(SqlClient tx, List<Long> ids, String worker) {
    Field<OffsetDateTime> now = DatabaseClock.now();
    return SqlExecutor.execute(tx, SQL.update(t.table()).set(t.state(), JobState.COMPLETED)
            .set(t.lastError(), (String) null).set(t.finishedAt(), now)
            .set(t.lockedUntil(), (OffsetDateTime) null).set(t.updatedAt(), now)
            .where(t.id().in(ids)).and(held(worker)))
        .map(RowSet::rowCount);
  }

  /**
   * Hands back the jobs {@code worker} still holds (a graceful stop): due again at once, and the
   * interrupted attempt does not count.
   */
  public Future<Integer> release(SqlClient db, String worker) {
    return SqlExecutor.execute(db, SQL.update(t.table()).set(t.state(), JobState.QUEUED)
            .set(t.lockedBy(), (String) null).set(t.lockedUntil(), (OffsetDateTime) null)
            .set(t.attempts(), DSL.greatest(t.attempts().minus(1), DSL.val(0)))
            .set(t.updatedAt(), DatabaseClock.now())
            .where(held(worker)))
        .map(RowSet::rowCount);
  }

  /** Cancels the queued jobs that match {@code which} (superseded before they ran); returns how many. */
  public Future<Integer> cancelQueued(SqlClient tx, Condition which) {
    Field<OffsetDateTime> now = DatabaseClock.now();
    return SqlExecutor.execute(tx, SQL.update(t.table()).set(t.state(), JobState.CANCELED)
            .set(t.finishedAt(), now).set(t.updatedAt(), now)
            .where(which).and(t.state().eq(JobState.QUEUED)))
        .map(RowSet::rowCount);
  }

  /** Makes the queued jobs that match {@code which} due now; returns how many. */
  public Future<Integer> runNow(SqlClient tx, Condition which) {
    return SqlExecutor.execute(tx, SQL.update(t.table()).set(t.runAt(), DatabaseClock.now())
            .set(t.updatedAt(), DatabaseClock.now())
            .where(which).and(t.state().eq(JobState.QUEUED)))
        .map(RowSet::rowCount);
  }

  /** The guard of every change to a claimed job: still running, and leased to {@code worker}. */
  public Condition held(Field<String> worker) {
    return t.state().eq(DSL.inline(JobState.RUNNING)).and(t.lockedBy().eq(worker));
  }

  private Condition held(String worker) {
    return held(DSL.val(worker));
  }

  private Future<Void> guarded(SqlClient tx, long id, Query update) {
    return SqlExecutor.execute(tx, update).compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(new LeaseLostException(t.table().getName(), id)));
  }
}
