package dev.wireless.server.sims;

import dev.wireless.server.carrier.NetworkGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.UUID;

/** The provisioning workers of one node, started and stopped together. */
public final class ProvisioningWorkers {

  private final List<ProvisioningWorker> workers;

  public ProvisioningWorkers(Vertx vertx, Pool pool, NetworkGateway gateway, SimCallbacks callbacks,
                             ProvisioningSettings settings) {
    String node = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.workers = ProvisioningWorker.names(node, settings.workers()).stream()
        .map(name -> new ProvisioningWorker(vertx, pool, gateway, callbacks, settings, name))
        .toList();
  }

  public ProvisioningWorkers start() {
    workers.forEach(ProvisioningWorker::start);
    return this;
  }

  public Future<Void> stop() {
    return Future.join(workers.stream().map(ProvisioningWorker::stop).toList()).mapEmpty();
  }
}
