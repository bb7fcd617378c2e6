package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.jobs.JobQueue;
import dev.wireless.persistence.jobs.JobState;
import dev.wireless.persistence.jobs.JobTable;
import dev.wireless.persistence.jooq.tables.records.CommandJobsRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * The Command delivery queue: {@code command_jobs} run by the job engine ({@link JobQueue}), its
 * kind in the {@code stage} column. The batch statements of {@link CommandDeliverySql} are built
 * from the engine's claim and guard; the one-job changes here are the engine's own.
 */
final class CommandJobRepository {

  private static final dev.wireless.persistence.jooq.tables.CommandJobs J = COMMAND_JOBS;

  static final JobQueue<CommandJobsRecord> QUEUE = new JobQueue<>(JobTable.of(J, J.STAGE));

  private CommandJobRepository() {
  }

  /** Ends a running job as {@code completed}, {@code failed} or {@code canceled}; fails if the lease was lost. */
  static Future<Void> finish(SqlClient tx, CommandJob job, String worker, String state, String error) {
    return QUEUE.finish(tx, job.id(), worker, state, error);
  }

  /** Completes the running jobs among {@code jobIds} that {@code worker} still holds (others are left alone). */
  static Future<Void> completeAll(SqlClient tx, List<Long> jobIds, String worker) {
    return QUEUE.completeAll(tx, jobIds, worker).mapEmpty();
  }

  /** Whether the Command has a delivery report waiting to be applied (a {@code report} job not ended). */
  static Future<Boolean> reportPending(SqlClient tx, long commandId) {
    return SqlExecutor.execute(tx, SQL.select(DSL.field(DSL.exists(SQL.selectOne().from(J)
            .where(J.COMMAND_ID.eq(commandId)).and(J.STAGE.eq(CommandJob.REPORT))
            .and(J.STATE.in(JobState.QUEUED, JobState.RUNNING))))))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Puts a running job back in the queue, due after {@code delay}; fails if the lease was lost. */
  static Future<Void> requeue(SqlClient tx, CommandJob job, String worker, Duration delay, String error) {
    return QUEUE.retry(tx, job.id(), worker, delay, error);
  }

  /**
   * Hands back the jobs {@code worker} still holds (a graceful stop): due again at once, and the
   * interrupted attempt does not count.
   */
  static Future<Integer> release(SqlClient db, String worker) {
    return QUEUE.release(db, worker);
  }
}
