package dev.wireless.persistence.jobs;

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
 * The loop every job worker runs (the job engine's workers, see {@link JobQueue}, and the callback
 * dispatcher): claim a batch of due jobs (the claim takes the leases), process them all, and claim
 * again at once while there was work, otherwise after the poll interval or when {@link #wake} says
 * new work was committed. A worker whose jobs take their own time (HTTP calls) may start them in
 * {@code processBatch} without awaiting them and claim by capacity. Any number of loops, in any number of processes,
 * may share one database. Runs on one Vert.x context.
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
  private final Function<List<J>, Future<Void>> process;
  private final Supplier<Future<Void>> handBack;
  private volatile boolean stopped;
  private volatile long timer = -1;
  private volatile Future<Void> inFlight = Future.succeededFuture();
  private boolean polling;
  private boolean woken;

  /**
   * A loop that hands every claimed batch to {@code processBatch} whole (a worker that ends its jobs
   * one by one passes {@link JobKinds#run} or {@link JobKinds.Handler#eachJob}).
   *
   * @param label        names the worker in log lines, e.g. "provisioning worker node/0"
   * @param claim        claims the next batch (empty when nothing is due)
   * @param processBatch ends the batch's jobs; their failures are the worker's to record, a failed
   *                     future is ignored
   * @param handBack     runs once stopped, after the batch in flight (e.g. releasing leases early)
   */
  public static <J> ClaimLoop<J> ofBatches(Vertx vertx, String label, Duration pollInterval,
                                           Supplier<Future<List<J>>> claim,
                                           Function<List<J>, Future<Void>> processBatch,
                                           Supplier<Future<Void>> handBack) {
    return new ClaimLoop<>(vertx, label, pollInterval, claim, handBack, processBatch);
  }

  private ClaimLoop(Vertx vertx, String label, Duration pollInterval, Supplier<Future<List<J>>> claim,
                    Supplier<Future<Void>> handBack, Function<List<J>, Future<Void>> processBatch) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.label = label;
    this.pollInterval = pollInterval;
    this.claim = claim;
    this.process = processBatch;
    this.handBack = handBack;
  }

  public void start() {
    context.runOnContext(v -> poll());
  }

  /**
   * New work was committed (by this node): claim now instead of at the next poll, or right after
   * the batch in flight. Callable from any thread.
   */
  public void wake() {
    context.runOnContext(v -> {
      if (stopped) {
        return;
      }
      if (polling) {
        woken = true;
      } else if (timer >= 0) {
        vertx.cancelTimer(timer);
        poll();
      }
    });
  }

  /** Whether {@link #stop} was called: a job failing now is left to its lease, not retried. */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Whether a job whose work failed with {@code failure} is dropped rather than retried: its lease
   * was lost (the job is its rescuer's now), or the loop is stopping (the job is released or left to
   * its lease, and its attempt is not held against it).
   */
  public boolean abandons(Throwable failure) {
    return failure instanceof LeaseLostException || stopped;
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
    polling = true;
    woken = false;
    claim.get()
        .compose(jobs -> jobs.isEmpty() ? Future.succeededFuture(jobs)
            : process.apply(jobs).transform(processed -> Future.succeededFuture(jobs)))
        .onComplete(result -> {
          polling = false;
          batch.complete();
          if (result.failed() && !stopped) {
            LOG.warn("{} could not claim jobs: {}", label, result.cause().toString());
          }
          if (!stopped) {
            if (woken || result.succeeded() && !result.result().isEmpty()) {
              context.runOnContext(v -> poll());
            } else {
              timer = vertx.setTimer(Math.max(1, pollInterval.toMillis()), t -> poll());
            }
          }
        });
  }
}
