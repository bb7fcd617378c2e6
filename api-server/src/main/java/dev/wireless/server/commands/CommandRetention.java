package dev.wireless.server.commands;

import dev.wireless.persistence.PeriodicPurge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * Deletes Commands older than the retention (30 days by default) every purge interval, in batches so
 * no transaction holds many rows. Safe on several nodes at once: a row is deleted once.
 */
public final class CommandRetention {

  private static final int BATCH = 1000;

  private final PeriodicPurge purge;

  public CommandRetention(Vertx vertx, Pool pool, Duration retention, Duration interval) {
    CommandRepository commands = new CommandRepository(pool);
    this.purge = new PeriodicPurge(vertx, "command", interval, BATCH, limit -> commands.purge(retention, limit));
  }

  void start() {
    purge.start();
  }

  void stop() {
    purge.stop();
  }

  /** Deletes every Command older than the retention; returns how many. */
  public Future<Integer> purge() {
    return purge.purge();
  }
}
