package dev.wireless.server.sims;

import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.carrier.NetworkGateway.CarrierRequest;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.ClaimLoop;
import dev.wireless.persistence.jobs.JobKinds;
import dev.wireless.persistence.jobs.JobKinds.Handler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning worker: claims a batch of due jobs, asks the carrier for each, and ends each job
 * through {@link JobCompletion}, in a {@link ClaimLoop}. Its two kinds have their own handlers: a
 * {@code status} job moves the SIM one stage towards its target, a {@code reset} job resets its
 * connectivity.
 */
public final class ProvisioningWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningWorker.class);
  private static final int BATCH = 16;

  private final NetworkGateway gateway;
  private final SimRepository sims;
  private final JobCompletion completion;
  private final ClaimLoop<ProvisioningJob> loop;

  public ProvisioningWorker(Vertx vertx, Pool pool, NetworkGateway gateway, SimCallbacks callbacks,
                            ProvisioningSettings settings, String name) {
    this.gateway = gateway;
    this.sims = new SimRepository(pool);
    this.completion = new JobCompletion(pool, callbacks, settings, name);
    JobKinds<ProvisioningJob> kinds = JobKinds.of(ProvisioningJob::kind)
        .handle(ProvisioningJob.STATUS, Handler.eachJob(job -> process(job, this::provision)))
        .handle(ProvisioningJob.RESET, Handler.eachJob(job -> process(job, this::reset)));
    ProvisioningJobRepository jobs = new ProvisioningJobRepository(pool);
    Template claim = ProvisioningJobRepository.claimOf(kinds.names());
    this.loop = ClaimLoop.ofBatches(vertx, "provisioning worker " + name, settings.pollInterval(),
        () -> jobs.claim(claim, name, BATCH, settings.lease()), kinds::run,
        () -> jobs.release(name).<Void>mapEmpty().otherwiseEmpty());
  }

  public void start() {
    loop.start();
  }

  /**
   * Stops claiming; completes once the batch in flight has ended and any job still leased to this
   * worker has been handed back, so another node takes it at once instead of after the lease.
   */
  public Future<Void> stop() {
    return loop.stop();
  }

  /** Runs {@code handler} on the job's SIM (a deleted SIM's job just ends), retrying what failed. */
  private Future<Void> process(ProvisioningJob job, BiFunction<ProvisioningJob, SimRow, Future<Void>> handler) {
    return sims.findById(job.simId())
        .compose(sim -> sim.isEmpty() ? completion.applied(job, null) : handler.apply(job, sim.get()))
        .recover(e -> {
          if (loop.abandons(e)) {
            return Future.succeededFuture();
          }
          LOG.warn("provisioning job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
          return completion.retryLater(job, e);
        })
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> reset(ProvisioningJob job, SimRow sim) {
    return gateway.resetConnectivity(new CarrierRequest(job.id(), sim.sid(), sim.iccid(), null, job.attempts()))
        .compose(result -> conclude(job, result, null));
  }

  private Future<Void> provision(ProvisioningJob job, SimRow sim) {
    if (ProvisioningJob.TIMER.equals(job.origin()) && !sim.status().equals(job.restoreStatus())) {
      return completion.applied(job, null);
    }
    SimState stage = SimLifecycle.nextStage(SimState.of(job.restoreStatus()), SimState.of(job.targetStatus()));
    return gateway.provisionStatus(new CarrierRequest(job.id(), sim.sid(), sim.iccid(), stage.value(), job.attempts()))
        .compose(result -> conclude(job, result, stage));
  }

  private Future<Void> conclude(ProvisioningJob job, CarrierResult result, SimState stage) {
    return switch (result.outcome()) {
      case APPLIED -> completion.applied(job, stage);
      case REFUSED -> completion.refused(job, result.errorCode(), result.message());
      case SCHEDULED -> completion.scheduled(job, result.retryAfter());
    };
  }

  /** Worker names used in {@code locked_by}. */
  static List<String> names(String node, int count) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> node + "/" + i).toList();
  }
}
