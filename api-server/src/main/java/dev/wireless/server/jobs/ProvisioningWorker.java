package dev.wireless.server.jobs;

import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.carrier.NetworkGateway.CarrierRequest;
import dev.wireless.server.sims.SimLifecycle;
import dev.wireless.server.sims.SimRepository;
import dev.wireless.server.sims.SimRow;
import dev.wireless.server.sims.SimState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning worker: claims a batch of due jobs, asks the carrier for each, and ends each job
 * through {@link JobCompletion}; polls again at once while there is work, otherwise after the poll
 * interval. Any number of workers, in any number of processes, may share one database.
 */
public final class ProvisioningWorker {

  private static final Logger LOG = LoggerFactory.getLogger(ProvisioningWorker.class);
  private static final int BATCH = 16;

  private final Vertx vertx;
  private final io.vertx.core.Context context;
  private final Pool pool;
  private final NetworkGateway gateway;
  private final ProvisioningSettings settings;
  private final String name;
  private final SimRepository sims;
  private final JobCompletion completion;
  private volatile boolean stopped;
  private volatile long timer = -1;
  private volatile Future<Void> inFlight = Future.succeededFuture();

  public ProvisioningWorker(Vertx vertx, Pool pool, NetworkGateway gateway, SimCallbacks callbacks,
                            ProvisioningSettings settings, String name) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.pool = pool;
    this.gateway = gateway;
    this.settings = settings;
    this.name = name;
    this.sims = new SimRepository(pool);
    this.completion = new JobCompletion(pool, callbacks, settings, name);
  }

  public void start() {
    context.runOnContext(v -> poll());
  }

  /** Stops claiming; completes once the batch in flight has ended. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      inFlight.onComplete(r -> done.complete());
    });
    return done.future();
  }

  private void poll() {
    timer = -1;
    if (stopped) {
      return;
    }
    Promise<Void> batch = Promise.promise();
    inFlight = batch.future();
    JobRepository.claim(pool, name, BATCH, settings.lease())
        .compose(jobs -> Future.join(jobs.stream().map(this::process).toList()).map(jobs))
        .onComplete(result -> {
          batch.complete();
          boolean more = result.succeeded() && !result.result().isEmpty();
          if (result.failed() && !stopped) {
            LOG.warn("provisioning worker {} could not claim jobs: {}", name, result.cause().toString());
          }
          if (!stopped) {
            timer = more ? -1 : vertx.setTimer(Math.max(1, settings.pollInterval().toMillis()), t -> poll());
            if (more) {
              context.runOnContext(v -> poll());
            }
          }
        });
  }

  private Future<Void> process(ProvisioningJob job) {
    return sims.findById(job.simId())
        .compose(sim -> sim.isEmpty() ? completion.applied(job, null) : callCarrier(job, sim.get()))
        .recover(e -> {
          if (e instanceof JobRepository.LeaseLostException || stopped) {
            return Future.succeededFuture();
          }
          LOG.warn("provisioning job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
          return completion.retryLater(job, e);
        })
        .recover(e -> Future.succeededFuture());
  }

  private Future<Void> callCarrier(ProvisioningJob job, SimRow sim) {
    if (job.isReset()) {
      return gateway.resetConnectivity(new CarrierRequest(job.id(), sim.sid(), sim.iccid(), null, job.attempts()))
          .compose(result -> conclude(job, result, null));
    }
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
