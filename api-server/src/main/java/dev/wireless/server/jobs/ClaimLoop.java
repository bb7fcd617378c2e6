package dev.wireless.server.jobs;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop every job worker runs: claim a batch of due jobs (the claim takes the leases), process
 * them all, and claim again at once while there was work, otherwise after the poll interval. Any
 * number of loops, in any number of processes, may share one database. Runs on one Vert.x context.
 *
 * @param <J> the job type
 */
public final class ClaimLoop<J> {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);

  private final Vertx vertx;
  private final Context context;
  private final String label;
  private final Duration pollInterval;
  private final Supplier<Future<List<J>>> claim;
  private final Function<J, Future<Void>> process;
  private final Supplier<Future<Void>> handBack;
  private volatile boolean stopped;
  private volatile long timer = -1;
  private volatile Future<Void> inFlight = Future.succeededFuture();

  /**
   * @param label    names the worker in log lines, e.g. "provisioning worker node/0"
   * @param claim    claims the next batch (empty when nothing is due)
   * @param process  ends one job; its failure is the worker's to record, a failed future is ignored
   * @param handBack runs once stopped, after the batch in flight (e.g. releasing leases early)
   */
  public ClaimLoop(Vertx vertx, String label, Duration pollInterval, Supplier<Future<List<J>>> claim,
                   Function<J, Future<Void>> process, Supplier<Future<Void>> handBack) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.label = label;
    this.pollInterval = pollInterval;
    this.claim = claim;
    this.process = process;
    this.handBack = handBack;
  }

  public void start() {
    context.runOnContext(v -> poll());
  }

  /** Whether {@link #stop} was called: a job failing now is left to its lease, not retried. */
  public boolean stopped() {
    return stopped;
  }

  /** Stops claiming; completes once the batch in flight has ended and the hand-back has run. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      stopped = true;
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
      inFlight.transform(r -> handBack.get()).onComplete(r -> done.complete());
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
    claim.get()
        .compose(jobs -> Future.join(jobs.stream().map(process).toList()).map(jobs))
        .onComplete(result -> {
          batch.complete();
          if (result.failed() && !stopped) {
            LOG.warn("{} could not claim jobs: {}", label, result.cause().toString());
          }
          if (!stopped) {
            if (result.succeeded() && !result.result().isEmpty()) {
              context.runOnContext(v -> poll());
            } else {
              timer = vertx.setTimer(Math.max(1, pollInterval.toMillis()), t -> poll());
            }
          }
        });
  }
}
