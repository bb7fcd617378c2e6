package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.JobQueue;
import dev.wireless.persistence.jobs.JobState;
import dev.wireless.persistence.jobs.JobTable;
import dev.wireless.persistence.jooq.tables.CommandJobs;
import dev.wireless.persistence.jooq.tables.Commands;
import dev.wireless.persistence.jooq.tables.records.CommandJobsRecord;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The Command delivery queue: {@code command_jobs} run by the job engine ({@link JobQueue}), its
 * kind in the {@code stage} column. The claim is the engine's, joined with what sending a Command
 * needs; the one-job changes here are the engine's own, and the batch statements of
 * {@link CommandBatchRepository} are built from the engine's guard. Created on the pool, or on a
 * transaction's connection so that a job's end commits with its Command's change.
 */
final class CommandJobRepository {

  private static final Commands C = COMMANDS;
  private static final CommandJobs J = COMMAND_JOBS;

  static final JobQueue<CommandJobsRecord> QUEUE = new JobQueue<>(JobTable.of(J, J.STAGE));

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  CommandJobRepository(SqlClient db) {
    this.db = db;
  }

  /**
   * The claim of due jobs of {@code kinds} together with their Commands and SIMs (the engine's
   * claim, {@link JobQueue#due}): rendered once by each worker, run by {@link #claim}.
   */
  static Template claimOf(Collection<String> kinds) {
    var due = QUEUE.due(kinds);
    var claimed = QUEUE.claimed(due, J.ID, J.COMMAND_ID, J.STAGE, J.ATTEMPTS,
        J.MAX_ATTEMPTS, J.REPORT_DELIVERED, J.REPORT_ERROR_CODE, J.REPORT_ERROR_MESSAGE);
    Field<Long> jobId = claimed.field(J.ID);
    return Template.of(SQL.with(due).with(claimed)
        .select(jobId, claimed.field(J.COMMAND_ID), claimed.field(J.STAGE), claimed.field(J.ATTEMPTS),
            claimed.field(J.MAX_ATTEMPTS), C.SID, C.SIM_SID, C.STATUS, C.COMMAND_MODE, C.PAYLOAD,
            C.DELIVERY_RECEIPT_REQUESTED, C.CALLBACK_URL, SIMS.ICCID, claimed.field(J.REPORT_DELIVERED),
            claimed.field(J.REPORT_ERROR_CODE), claimed.field(J.REPORT_ERROR_MESSAGE))
        .from(claimed).join(C).on(C.ID.eq(claimed.field(J.COMMAND_ID)))
        .leftJoin(SIMS).on(SIMS.SID.eq(C.SIM_SID))
        .orderBy(jobId));
  }

  /** Leases up to {@code limit} due jobs to {@code worker} with {@code claim} ({@link #claimOf}). */
  Future<List<ClaimedJob>> claim(Template claim, String worker, int limit, Duration lease) {
    return QUEUE.claim(claim, db, worker, limit, lease).map(rows -> {
      List<ClaimedJob> jobs = new ArrayList<>(rows.size());
      rows.forEach(r -> jobs.add(claimed(r)));
      return jobs;
    });
  }

  /** Ends a running job as {@code completed}, {@code failed} or {@code canceled}; fails if the lease was lost. */
  Future<Void> finish(CommandJob job, String worker, String state, String error) {
    return QUEUE.finish(db, job.id(), worker, state, error);
  }

  /** Completes the running jobs among {@code jobIds} that {@code worker} still holds (others are left alone). */
  Future<Void> completeAll(List<Long> jobIds, String worker) {
    return QUEUE.completeAll(db, jobIds, worker).mapEmpty();
  }

  /** Whether the Command has a delivery report waiting to be applied (a {@code report} job not ended). */
  Future<Boolean> reportPending(long commandId) {
    return SqlExecutor.execute(db, SQL.select(DSL.field(DSL.exists(SQL.selectOne().from(J)
            .where(J.COMMAND_ID.eq(commandId)).and(J.STAGE.eq(CommandJob.REPORT))
            .and(J.STATE.in(JobState.QUEUED, JobState.RUNNING))))))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Puts a running job back in the queue, due after {@code delay}; fails if the lease was lost. */
  Future<Void> requeue(CommandJob job, String worker, Duration delay, String error) {
    return QUEUE.retry(db, job.id(), worker, delay, error);
  }

  /**
   * Hands back the jobs {@code worker} still holds (a graceful stop): due again at once, and the
   * interrupted attempt does not count.
   */
  Future<Integer> release(String worker) {
    return QUEUE.release(db, worker);
  }

  private static ClaimedJob claimed(Row r) {
    DeliveryReport report = r.getBoolean(13) == null ? null
        : new DeliveryReport(Duration.ZERO, r.getBoolean(13), r.getInteger(14) == null ? 0 : r.getInteger(14),
            r.getString(15));
    return new ClaimedJob(new CommandJob(r.getLong(0), r.getLong(1), r.getString(2), r.getInteger(3),
        r.getInteger(4)), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
        r.getBoolean(10), r.getString(11), r.getString(12), report);
  }
}
