package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retention purge: every interval, a batched delete runs again and again until a batch deletes
 * fewer rows than its limit, so no transaction holds many rows. The delete itself says what is old
 * (each table's retention rule); several nodes may purge at once, a row is deleted once.
 */
public final class PeriodicPurge {

  private static final Logger LOG = LoggerFactory.getLogger(PeriodicPurge.class);

  private final Vertx vertx;
  private final String what;
  private final Duration interval;
  private final int batch;
  private final IntFunction<Future<Integer>> deleteUpTo;
  private long timer = -1;

  /**
   * @param what       names the purged rows in log lines ("command", "callback")
   * @param deleteUpTo deletes at most that many old rows, answering how many it deleted
   */
  public PeriodicPurge(Vertx vertx, String what, Duration interval, int batch,
                       IntFunction<Future<Integer>> deleteUpTo) {
    this.vertx = vertx;
    this.what = what;
    this.interval = interval;
    this.batch = batch;
    this.deleteUpTo = deleteUpTo;
  }

  public void start() {
    timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> purge()
        .onFailure(e -> LOG.warn("{} retention purge failed: {}", what, e.toString())));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes every old row now, a batch at a time; returns how many. */
  public Future<Integer> purge() {
    return deleteUpTo.apply(batch)
        .compose(count -> count < batch ? Future.succeededFuture(count) : purge().map(more -> count + more));
  }
}
