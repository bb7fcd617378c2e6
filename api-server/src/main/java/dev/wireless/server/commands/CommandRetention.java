package dev.wireless.server.commands;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes Commands older than the retention (30 days by default) every purge interval, in batches so
 * no transaction holds many rows. Safe on several nodes at once: a row is deleted once.
 */
public final class CommandRetention {

  private static final Logger LOG = LoggerFactory.getLogger(CommandRetention.class);
  private static final int BATCH = 1000;

  private final Vertx vertx;
  private final Pool pool;
  private final Duration retention;
  private final Duration interval;
  private long timer = -1;

  public CommandRetention(Vertx vertx, Pool pool, Duration retention, Duration interval) {
    this.vertx = vertx;
    this.pool = pool;
    this.retention = retention;
    this.interval = interval;
  }

  void start() {
    timer = vertx.setPeriodic(Math.max(1, interval.toMillis()), id -> purge()
        .onFailure(e -> LOG.warn("command retention purge failed: {}", e.toString())));
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes every Command older than the retention; returns how many. */
  public Future<Integer> purge() {
    return new CommandRepository(pool).purge(retention, BATCH)
        .compose(count -> count < BATCH ? Future.succeededFuture(count) : purge().map(more -> count + more));
  }
}
