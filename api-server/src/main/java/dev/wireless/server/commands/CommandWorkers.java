package dev.wireless.server.commands;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.server.carrier.NetworkGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The Command delivery workers of one node and its retention purge, started and stopped together.
 * {@link #delivery()} is where delivery receipts are reported; {@link #wake()} is how this node's
 * API says it just queued a Command (one worker, in turn, claims at once; the others go on
 * polling, and so do the workers of other nodes).
 */
public final class CommandWorkers {

  private final List<CommandWorker> workers;
  private final CommandDelivery delivery;
  private final CommandRetention retention;
  private final AtomicInteger next = new AtomicInteger();

  public CommandWorkers(Vertx vertx, Pool pool, NetworkGateway gateway, CallbackOutbox outbox,
                        CommandSettings settings) {
    String node = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.delivery = new CommandDelivery(pool, new CommandCallbacks(outbox), settings.receiptTimeout());
    this.workers = IntStream.range(0, settings.workers())
        .mapToObj(i -> new CommandWorker(vertx, pool, gateway, delivery, settings, node + "/commands/" + i))
        .toList();
    this.retention = new CommandRetention(vertx, pool, settings.retention(), settings.purgeInterval());
  }

  public CommandWorkers start() {
    workers.forEach(CommandWorker::start);
    retention.start();
    return this;
  }

  /** A Command was committed on this node: the next worker in turn claims now. */
  public void wake() {
    if (!workers.isEmpty()) {
      workers.get(Math.floorMod(next.getAndIncrement(), workers.size())).wake();
    }
  }

  public CommandDelivery delivery() {
    return delivery;
  }

  /** The retention purge, to run it now (operators, tests) instead of waiting for its interval. */
  public CommandRetention retention() {
    return retention;
  }

  public Future<Void> stop() {
    retention.stop();
    return Future.join(workers.stream().map(CommandWorker::stop).toList()).mapEmpty();
  }
}
