package dev.wireless.server.sims;

import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.persistence.jobs.Backoff;
import dev.wireless.persistence.jobs.JobState;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a provisioning job in ONE transaction: the job's final state (guarded by the lease), the
 * SIM's new status, the next stage or timed transition, and the status callback. Either all of it
 * is committed or none of it, so a crash at any point leaves the job to be retried.
 */
final class JobCompletion {

  private static final Logger LOG = LoggerFactory.getLogger(JobCompletion.class);
  /** 2 s after the first failed attempt, doubling, at most 5 minutes apart. */
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  private final Pool pool;
  private final SimCallbacks callbacks;
  private final ProvisioningSettings settings;
  private final String worker;

  JobCompletion(Pool pool, SimCallbacks callbacks, ProvisioningSettings settings, String worker) {
    this.pool = pool;
    this.callbacks = callbacks;
    this.settings = settings;
    this.worker = worker;
  }

  /** The carrier applied {@code reached} (null for a connectivity reset). */
  Future<Void> applied(ProvisioningJob job, SimState reached) {
    return pool.withTransaction(tx -> new SimRepository(tx).lockById(job.simId()).compose(found -> {
      SimRow sim = found.orElse(null);
      ProvisioningJobRepository jobs = new ProvisioningJobRepository(tx);
      if (sim == null || supersededTimer(job, sim)) {
        return jobs.finish(job, worker, JobState.CANCELED, "superseded");
      }
      Map<Field<?>, Object> changes = new HashMap<>();
      if (job.isReset()) {
        changes.put(SIMS.RESET_STATUS, null);
      } else {
        changes.put(SIMS.STATUS, reached.value());
        if (reached == SimState.ACTIVE) {
          // the first activation anchors the SIM's metering period; a later reactivation keeps it
          changes.put(SIMS.ACTIVATED_AT, DSL.coalesce(SIMS.ACTIVATED_AT, DSL.currentOffsetDateTime()));
        }
      }
      return jobs.finish(job, worker, JobState.COMPLETED, null)
          .compose(v -> new SimRepository(tx).update(sim.id(), changes))
          .compose(updated -> followUp(tx, job, reached).compose(v -> callback(tx, job, updated, null, null)));
    }));
  }

  /**
   * The carrier refused: the SIM keeps its previous status, the account's Debugger gets an alert and
   * the callback carries the error.
   */
  Future<Void> refused(ProvisioningJob job, int code, String message) {
    LOG.warn("provisioning job {} for SIM #{} refused: {} {}", job.id(), job.simId(), code, message);
    return pool.withTransaction(tx -> new SimRepository(tx).lockById(job.simId()).compose(found -> {
      ProvisioningJobRepository jobs = new ProvisioningJobRepository(tx);
      if (found.isEmpty()) {
        return jobs.finish(job, worker, JobState.CANCELED, "SIM deleted");
      }
      Map<Field<?>, Object> changes = new HashMap<>();
      if (job.isReset()) {
        changes.put(SIMS.RESET_STATUS, null);
      } else if (!ProvisioningJob.TIMER.equals(job.origin()) || found.get().state() == SimState.SCHEDULED) {
        changes.put(SIMS.STATUS, job.restoreStatus());
      }
      SimRow sim = found.get();
      return jobs.finish(job, worker, JobState.FAILED, code + " " + message)
          .compose(v -> new SimRepository(tx).update(sim.id(), changes))
          .compose(updated -> new AlertRepository(tx).insert(AlertRow.newAlert(sim.accountSid(), sim.sid(), code,
                  AlertRow.ERROR, message, null, null, null, null, null, null))
              .compose(alert -> callback(tx, job, updated, code, message)));
    }));
  }

  /** The carrier will apply the change later: the SIM shows {@code scheduled} and the job waits. */
  Future<Void> scheduled(ProvisioningJob job, Duration retryAfter) {
    return pool.withTransaction(tx -> new ProvisioningJobRepository(tx).requeue(job, worker, retryAfter, "scheduled by the carrier")
        .compose(v -> job.isReset() ? Future.succeededFuture()
            : new SimRepository(tx).update(job.simId(), Map.<Field<?>, Object>of(SIMS.STATUS, SimState.SCHEDULED.value())).mapEmpty()));
  }

  /** Something failed on our side: try again with back-off, or give up after the last attempt. */
  Future<Void> retryLater(ProvisioningJob job, Throwable error) {
    if (Backoff.exhausted(job.attempts(), job.maxAttempts())) {
      return refused(job, 33004, "The carrier could not be reached; the change was not applied");
    }
    return pool.withTransaction(tx -> new ProvisioningJobRepository(tx).requeue(job, worker, BACKOFF.after(job.attempts()),
        String.valueOf(error)));
  }

  /** A timed transition whose SIM has moved on (the stored status is no longer the one it started from). */
  private static boolean supersededTimer(ProvisioningJob job, SimRow sim) {
    return ProvisioningJob.TIMER.equals(job.origin()) && !sim.status().equals(job.restoreStatus());
  }

  private Future<Void> followUp(SqlClient tx, ProvisioningJob job, SimState reached) {
    if (job.isReset()) {
      return Future.succeededFuture();
    }
    SimLifecycle.Next next = SimLifecycle.after(reached, SimState.of(job.targetStatus()));
    if (next == null) {
      return Future.succeededFuture();
    }
    Duration delay = !next.timed() ? Duration.ZERO
        : next.status() == SimState.CANCELED ? settings.cancelAfter() : settings.activateAfter();
    ProvisioningJob following = ProvisioningJob.of(job.simId(), job.accountSid(), ProvisioningJob.STATUS,
        next.timed() ? ProvisioningJob.TIMER : ProvisioningJob.FOLLOW_UP, next.status().value(), reached.value(),
        job.callbackUrl(), job.callbackMethod());
    return new ProvisioningJobRepository(tx).enqueue(following, delay).mapEmpty();
  }

  private Future<Void> callback(SqlClient tx, ProvisioningJob job, SimRow sim, Integer code, String message) {
    if (job.callbackUrl() == null) {
      return Future.succeededFuture();
    }
    List<Map.Entry<String, String>> params = new ArrayList<>();
    params.add(new SimpleEntry<>("AccountSid", sim.accountSid()));
    params.add(new SimpleEntry<>("SimSid", sim.sid()));
    params.add(new SimpleEntry<>("SimUniqueName", nullToEmpty(sim.uniqueName())));
    params.add(new SimpleEntry<>("Status", sim.status()));
    params.add(new SimpleEntry<>("ResetStatus", nullToEmpty(sim.resetStatus())));
    params.add(new SimpleEntry<>("RatePlanSid", nullToEmpty(sim.ratePlanSid())));
    params.add(new SimpleEntry<>("ApiVersion", "v1"));
    if (code != null) {
      params.add(new SimpleEntry<>("ErrorCode", String.valueOf(code)));
      params.add(new SimpleEntry<>("ErrorMessage", message));
    }
    return callbacks.statusChanged(tx, new SimCallbacks.StatusCallback(sim.accountSid(), sim.sid(), job.id(),
        job.callbackUrl(), job.callbackMethod(), List.copyOf(params)));
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
