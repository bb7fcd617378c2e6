package dev.wireless.server;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.carrier.SimulatedCarrier;
import dev.wireless.server.commands.CommandWorkers;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.ingestion.UsageJobs;
import dev.wireless.server.sims.OutboxSimCallbacks;
import dev.wireless.server.sims.ProvisioningSettings;
import dev.wireless.server.sims.ProvisioningWorkers;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * A node's background work, built from its configuration: the provisioning and Command delivery
 * workers, each with the simulated carrier as configured, and the usage upkeep jobs.
 * {@link WirelessServer} starts them once the API listens and stops them on shutdown.
 */
final class BackgroundWork {

  private BackgroundWork() {
  }

  static ProvisioningWorkers provisioningWorkers(Vertx vertx, Pool pool, ServerConfig config) {
    ProvisioningSettings settings = config.provisioning();
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, settings.carrierLatency(), settings.carrierFailureRate(),
        settings.carrierScheduledRate(), settings.carrierScheduledDelay(), Math::random);
    return new ProvisioningWorkers(vertx, pool, carrier, new OutboxSimCallbacks(new CallbackOutbox(config.callbacks().retrySchedule())), settings);
  }

  static CommandWorkers commandWorkers(Vertx vertx, Pool pool, ServerConfig config) {
    SimulatedCarrier carrier = new SimulatedCarrier(vertx, config.provisioning().carrierLatency(), 0, 0,
        java.time.Duration.ZERO, Math::random, config.commands().carrier());
    return new CommandWorkers(vertx, pool, carrier, new CallbackOutbox(config.callbacks().retrySchedule()),
        config.commands());
  }

  /** Partition upkeep, and the simulated carrier's traffic for the demo fleet when switched on. */
  static UsageJobs usageJobs(Vertx vertx, Pool pool, Services services, NewCredentials demo,
                                     ServerConfig config) {
    boolean simulated = config.usage().simulatedTraffic() && demo != null;
    return UsageJobs.start(vertx, pool, services.ingestion(), simulated ? demo.accountSid() : null,
        config.usage().trafficInterval().toMillis());
  }
}
