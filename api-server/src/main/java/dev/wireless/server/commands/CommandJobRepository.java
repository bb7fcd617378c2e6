package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The Command delivery queue in Postgres, the same discipline as the provisioning queue: claim due
 * jobs (or running ones whose lease expired) with {@code FOR UPDATE SKIP LOCKED}; every later change
 * is guarded by {@code state = 'running'} and the claiming worker.
 */
final class CommandJobRepository {

  private static final dev.wireless.persistence.jooq.tables.CommandJobs J = COMMAND_JOBS;

  /** The worker no longer holds the job (its lease expired and another worker took it). */
  static final class LeaseLostException extends RuntimeException {
    LeaseLostException(long jobId) {
      super("lease of command job " + jobId + " was lost", null, false, false);
    }
  }

  private CommandJobRepository() {
  }

  /** Ends a running job as {@code completed}, {@code failed} or {@code canceled}; fails if the lease was lost. */
  static Future<Void> finish(SqlClient tx, CommandJob job, String worker, String state, String error) {
    return guarded(tx, job, SQL.update(J).set(J.STATE, state).set(J.LAST_ERROR, error)
        .set(J.FINISHED_AT, DSL.currentOffsetDateTime()).set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.eq(job.id())).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)));
  }

  /** Completes the running jobs among {@code jobIds} that {@code worker} still holds (others are left alone). */
  static Future<Void> completeAll(SqlClient tx, List<Long> jobIds, String worker) {
    return SqlExecutor.execute(tx, SQL.update(J).set(J.STATE, "completed").set(J.LAST_ERROR, (String) null)
        .set(J.FINISHED_AT, DSL.currentOffsetDateTime()).set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.in(jobIds)).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker))).mapEmpty();
  }

  /** Whether the Command has a delivery report waiting to be applied (a {@code report} job not ended). */
  static Future<Boolean> reportPending(SqlClient tx, long commandId) {
    return SqlExecutor.execute(tx, SQL.select(DSL.field(DSL.exists(SQL.selectOne().from(J)
            .where(J.COMMAND_ID.eq(commandId)).and(J.STAGE.eq(CommandJob.REPORT))
            .and(J.STATE.in("queued", "running"))))))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Turns a running job into a later one ({@code stage}, due after {@code delay}); fails if the lease was lost. */
  static Future<Void> requeue(SqlClient tx, CommandJob job, String worker, String stage, Duration delay,
                              String error) {
    return guarded(tx, job, SQL.update(J).set(J.STATE, "queued").set(J.STAGE, stage).set(J.RUN_AT, nowPlus(delay))
        .set(J.LAST_ERROR, error).set(J.LOCKED_BY, (String) null).set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.eq(job.id())).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)));
  }

  /**
   * Hands back the jobs {@code worker} still holds (a graceful stop): due again at once, and the
   * interrupted attempt does not count.
   */
  static Future<Integer> release(SqlClient db, String worker) {
    return SqlExecutor.execute(db, SQL.update(J).set(J.STATE, "queued").set(J.LOCKED_BY, (String) null)
            .set(J.LOCKED_UNTIL, (OffsetDateTime) null).set(J.ATTEMPTS, DSL.greatest(J.ATTEMPTS.minus(1), DSL.val(0)))
            .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)))
        .map(rows -> rows.rowCount());
  }

  private static Future<Void> guarded(SqlClient tx, CommandJob job, Query update) {
    return SqlExecutor.execute(tx, update).compose(rows -> rows.rowCount() == 1 ? Future.<Void>succeededFuture()
        : Future.failedFuture(new LeaseLostException(job.id())));
  }

  private static Field<OffsetDateTime> nowPlus(Duration delay) {
    return DSL.field("now() + cast({0} as bigint) * interval '1 millisecond'", SQLDataType.TIMESTAMPWITHTIMEZONE,
        DSL.val(delay.toMillis()));
  }
}
