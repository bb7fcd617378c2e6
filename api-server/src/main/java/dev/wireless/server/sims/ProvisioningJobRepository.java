package dev.wireless.server.sims;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.PROVISIONING_JOBS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.JobQueue;
import dev.wireless.persistence.jobs.JobTable;
import dev.wireless.persistence.jooq.tables.records.ProvisioningJobsRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;

/**
 * The provisioning queue: {@code provisioning_jobs} run by the job engine ({@link JobQueue}), whose
 * kinds are {@code status} and {@code reset}. The engine claims, leases, guards, retries and
 * releases; this class maps the table's own columns to a {@link ProvisioningJob}, and is the only
 * writer of the table (other packages ask it, e.g. {@link #activateReady}). Created on the pool, or
 * on a transaction's connection so that what it writes commits with the caller's changes.
 */
public final class ProvisioningJobRepository {

  private static final dev.wireless.persistence.jooq.tables.ProvisioningJobs J = PROVISIONING_JOBS;

  static final JobQueue<ProvisioningJobsRecord> QUEUE = new JobQueue<>(JobTable.of(J, J.KIND));

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  public ProvisioningJobRepository(SqlClient db) {
    this.db = db;
  }

  /** The claim of due jobs of {@code kinds}: rendered once by each worker, run by {@link #claim}. */
  public static Template claimOf(Collection<String> kinds) {
    return QUEUE.claimRows(kinds);
  }

  /** Writes {@code job} (on the caller's transaction), due after {@code delay}; returns its id. */
  public Future<Long> enqueue(ProvisioningJob job, Duration delay) {
    Map<Field<?>, Object> columns = new HashMap<>();
    columns.put(J.SIM_ID, job.simId());
    columns.put(J.ACCOUNT_SID, job.accountSid());
    columns.put(J.ORIGIN, job.origin());
    columns.put(J.TARGET_STATUS, job.targetStatus());
    columns.put(J.RESTORE_STATUS, job.restoreStatus());
    columns.put(J.CALLBACK_URL, job.callbackUrl());
    columns.put(J.CALLBACK_METHOD, job.callbackMethod());
    return QUEUE.enqueue(db, job.kind(), columns, delay);
  }

  /** Cancels the SIM's pending timed transitions (a new request supersedes them). */
  public Future<Integer> cancelTimers(long simId) {
    return QUEUE.cancelQueued(db, J.SIM_ID.eq(simId).and(J.ORIGIN.eq(ProvisioningJob.TIMER)));
  }

  /**
   * {@code ready → active} now, on the caller's transaction: makes the SIM's pending timed
   * {@code ready → active} job due now; when it has none, queues one that carries the status
   * callback of the SIM's latest change. Calling it again is harmless: a second job finds the SIM
   * no longer ready and is canceled as superseded.
   */
  public Future<Void> activateReady(long simId, String accountSid) {
    return QUEUE.runNow(db, J.SIM_ID.eq(simId).and(J.ORIGIN.eq(ProvisioningJob.TIMER))
            .and(J.TARGET_STATUS.eq(SimState.ACTIVE.value())))
        .compose(due -> due > 0 ? Future.succeededFuture() : SqlExecutor.execute(db,
                SQL.select(J.CALLBACK_URL, J.CALLBACK_METHOD).from(J)
                    .where(J.SIM_ID.eq(simId)).and(J.CALLBACK_URL.isNotNull()).orderBy(J.ID.desc()).limit(1))
            .compose(rows -> {
              Row last = rows.size() == 0 ? null : rows.iterator().next();
              return enqueue(ProvisioningJob.of(simId, accountSid, ProvisioningJob.STATUS,
                  ProvisioningJob.TIMER, SimState.ACTIVE.value(), SimState.READY.value(),
                  last == null ? null : last.getString(0), last == null ? null : last.getString(1)), Duration.ZERO);
            })
            .mapEmpty());
  }

  /** Claims up to {@code limit} due jobs with {@code claim} ({@link #claimOf}) for {@code worker}, leased for {@code lease}. */
  public Future<List<ProvisioningJob>> claim(Template claim, String worker, int limit, Duration lease) {
    return QUEUE.claim(claim, db, worker, limit, lease).map(rows -> {
      List<ProvisioningJob> jobs = new ArrayList<>(rows.size());
      rows.forEach(row -> jobs.add(toJob(row)));
      return jobs;
    });
  }

  /**
   * Hands back the jobs {@code worker} still holds (a graceful stop): due again at once, the
   * interrupted attempt not counted.
   */
  Future<Integer> release(String worker) {
    return QUEUE.release(db, worker);
  }

  /**
   * Ends a running job as {@code completed}, {@code failed} or {@code canceled} ({@code locked_by} stays,
   * naming the worker that ran it last); fails with a LeaseLostException if the lease was lost.
   */
  Future<Void> finish(ProvisioningJob job, String worker, String state, String error) {
    return QUEUE.finish(db, job.id(), worker, state, error);
  }

  /** Puts a running job back in the queue, due after {@code delay}; fails if the lease was lost. */
  Future<Void> requeue(ProvisioningJob job, String worker, Duration delay, String error) {
    return QUEUE.retry(db, job.id(), worker, delay, error);
  }

  private static ProvisioningJob toJob(Row row) {
    return new ProvisioningJob(row.getLong(J.ID.getName()), row.getLong(J.SIM_ID.getName()),
        row.getString(J.ACCOUNT_SID.getName()), row.getString(J.KIND.getName()), row.getString(J.ORIGIN.getName()),
        row.getString(J.TARGET_STATUS.getName()), row.getString(J.RESTORE_STATUS.getName()),
        row.getString(J.CALLBACK_URL.getName()), row.getString(J.CALLBACK_METHOD.getName()),
        row.getInteger(J.ATTEMPTS.getName()), row.getInteger(J.MAX_ATTEMPTS.getName()));
  }
}
