package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
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

  static Future<Void> enqueue(SqlClient tx, long commandId, String stage, Duration delay) {
    return SqlExecutor.execute(tx, SQL.insertInto(J).set(J.COMMAND_ID, commandId).set(J.STAGE, stage)
        .set(J.RUN_AT, nowPlus(delay))).mapEmpty();
  }

  static Future<List<CommandJob>> claim(SqlClient db, String worker, int limit, Duration lease) {
    Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
    var due = SQL.select(J.ID).from(J)
        .where(J.STATE.eq("queued").and(J.RUN_AT.le(now)))
        .or(J.STATE.eq("running").and(J.LOCKED_UNTIL.lt(now)))
        .orderBy(J.RUN_AT, J.ID).limit(limit)
        .forUpdate().skipLocked();
    return SqlExecutor.execute(db, SQL.update(J).set(J.STATE, "running").set(J.ATTEMPTS, J.ATTEMPTS.plus(1))
            .set(J.LOCKED_BY, worker).set(J.LOCKED_UNTIL, nowPlus(lease)).set(J.UPDATED_AT, now)
            .where(J.ID.in(due)).returning())
        .map(rows -> {
          List<CommandJob> jobs = new ArrayList<>(rows.size());
          rows.forEach(r -> jobs.add(new CommandJob(r.getLong(J.ID.getName()), r.getLong(J.COMMAND_ID.getName()),
              r.getString(J.STAGE.getName()), r.getInteger(J.ATTEMPTS.getName()),
              r.getInteger(J.MAX_ATTEMPTS.getName()))));
          jobs.sort(Comparator.comparingLong(CommandJob::id));
          return jobs;
        });
  }

  /** Ends a running job as {@code completed}, {@code failed} or {@code canceled}; fails if the lease was lost. */
  static Future<Void> finish(SqlClient tx, CommandJob job, String worker, String state, String error) {
    return guarded(tx, job, SQL.update(J).set(J.STATE, state).set(J.LAST_ERROR, error)
        .set(J.FINISHED_AT, DSL.currentOffsetDateTime()).set(J.LOCKED_UNTIL, (OffsetDateTime) null)
        .set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.ID.eq(job.id())).and(J.STATE.eq("running")).and(J.LOCKED_BY.eq(worker)));
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

  /** Cancels the Command's waiting jobs (a receipt arrived, so no timeout is needed). */
  static Future<Void> cancelQueued(SqlClient tx, long commandId) {
    return SqlExecutor.execute(tx, SQL.update(J).set(J.STATE, "canceled")
        .set(J.FINISHED_AT, DSL.currentOffsetDateTime()).set(J.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(J.COMMAND_ID.eq(commandId)).and(J.STATE.eq("queued"))).mapEmpty();
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
