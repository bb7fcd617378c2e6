package dev.wireless.server.sims;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.PROVISIONING_JOBS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The provisioning queue in Postgres. Claiming takes due jobs (queued and due, or running with an
 * expired lease) with {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never take the same
 * job; every later change is guarded by {@code state = 'running'} and the claiming worker, so a
 * worker whose lease was taken over cannot complete the job twice.
 */
public final class JobRepository {

  private static final dev.wireless.persistence.jooq.tables.ProvisioningJobs J = PROVISIONING_JOBS;

  /** Thrown when a worker no longer holds the job (its lease expired and another worker took it). */
  public static final class LeaseLostException extends RuntimeException {
    LeaseLostException(long jobId) {
      super("lease of provisioning job " + jobId + " was lost", null, false, false);
    }
  }

  private JobRepository() {
  }

  /** Writes {@code job} (on the caller's transaction); returns its id. */
  public static Future<Long> enqueue(SqlClient tx, ProvisioningJob job, Duration delay) {
    return SqlExecutor.execute(tx, SQL.insertInto(J)
            .set(J.SIM_ID, job.simId())
            .set(J.ACCOUNT_SID, job.accountSid())
            .set(J.KIND, job.kind())
            .set(J.ORIGIN, job.origin())
            .set(J.TARGET_STATUS, job.targetStatus())
            .set(J.RESTORE_STATUS, job.restoreStatus())
            .set(J.CALLBACK_URL, job.callbackUrl())
            .set(J.CALLBACK_METHOD, job.callbackMethod())
            .set(J.RUN_AT, nowPlus(delay))
            .returning(J.ID))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Cancels the SIM's pending timed transitions (a new request supersedes them). */
  public static Future<Integer> cancelTimers(SqlClient tx, long simId) {
    return SqlExecutor.execute(tx, SQL.update(J)
            .set(J.STATE, "canceled").set(J.FINISHED_AT, DSL.currentOffsetDateTime())
            .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(J.SIM_ID.eq(simId)).and(J.ORIGIN.eq(ProvisioningJob.TIMER)).and(J.STATE.eq("queued")))
        .map(rows -> rows.rowCount());
  }

  /** Claims up to {@code limit} due jobs for {@code worker} with a lease of {@code lease}. */
  public static Future<List<ProvisioningJob>> claim(SqlClient db, String worker, int limit, Duration lease) {
    Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
    var due = SQL.select(J.ID).from(J)
        .where(J.STATE.eq("queued").and(J.RUN_AT.le(now)))
        .or(J.STATE.eq("running").and(J.LOCKED_UNTIL.lt(now)))
        .orderBy(J.RUN_AT, J.ID)
        .limit(limit)
        .forUpdate().skipLocked();
    return SqlExecutor.execute(db, SQL.update(J)
            .set(J.STATE, "running")
            .set(J.ATTEMPTS, J.ATTEMPTS.plus(1))
            .set(J.LOCKED_BY, worker)
            .set(J.LOCKED_UNTIL, nowPlus(lease))
            .set(J.UPDATED_AT, now)
            .where(J.ID.in(due))
            .returning())
        .map(rows -> {
          List<ProvisioningJob> jobs = new ArrayList<>(rows.size());
          rows.forEach(row -> jobs.add(toJob(row)));
          jobs.sort(java.util.Comparator.comparingLong(ProvisioningJob::id));
          return jobs;
        });
  }

  /**
   * Ends a running job as {@code completed}, {@code failed} or {@code canceled} ({@code locked_by} stays,
   * naming the worker that ran it last); fails if the lease was lost.
   */
  public static Future<Void> finish(SqlClient tx, ProvisioningJob job, String worker, String state, String error) {
    return guarded(tx, job, worker, SQL.update(J)
        .set(J.STATE, state)
        .set(J.LAST_ERROR, error)
        .set(J.FINISHED_AT, DSL.currentOffsetDateTime())
        .set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.eq(job.id())).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)));
  }

  /** Puts a running job back in the queue, due after {@code delay}; fails if the lease was lost. */
  public static Future<Void> requeue(SqlClient tx, ProvisioningJob job, String worker, Duration delay, String error) {
    return guarded(tx, job, worker, SQL.update(J)
        .set(J.STATE, "queued")
        .set(J.RUN_AT, nowPlus(delay))
        .set(J.LAST_ERROR, error)
        .set(J.LOCKED_BY, (String) null)
        .set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.eq(job.id())).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)));
  }

  private static Future<Void> guarded(SqlClient tx, ProvisioningJob job, String worker, org.jooq.Query update) {
    return SqlExecutor.execute(tx, update).compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(new LeaseLostException(job.id())));
  }

  /** The database's clock plus {@code delay}, so every node schedules on one clock. */
  static Field<OffsetDateTime> nowPlus(Duration delay) {
    return DSL.field("now() + cast({0} as bigint) * interval '1 millisecond'", SQLDataType.TIMESTAMPWITHTIMEZONE,
        DSL.val(delay.toMillis()));
  }

  private static ProvisioningJob toJob(Row row) {
    return new ProvisioningJob(row.getLong(J.ID.getName()), row.getLong(J.SIM_ID.getName()),
        row.getString(J.ACCOUNT_SID.getName()), row.getString(J.KIND.getName()), row.getString(J.ORIGIN.getName()),
        row.getString(J.TARGET_STATUS.getName()), row.getString(J.RESTORE_STATUS.getName()),
        row.getString(J.CALLBACK_URL.getName()), row.getString(J.CALLBACK_METHOD.getName()),
        row.getInteger(J.ATTEMPTS.getName()), row.getInteger(J.MAX_ATTEMPTS.getName()));
  }
}
