package dev.wireless.server.ingestion;

import dev.wireless.server.usage.UsageMaintenance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic usage work: partition maintenance every hour (and at start) and, when
 * switched on, the simulated carrier's traffic. {@link #stop} cancels both timers.
 */
public final class UsageJobs {

  private static final Logger LOG = LoggerFactory.getLogger(UsageJobs.class);

  private final Vertx vertx;
  private final long maintenanceTimer;
  private final long trafficTimer;

  private UsageJobs(Vertx vertx, long maintenanceTimer, long trafficTimer) {
    this.vertx = vertx;
    this.maintenanceTimer = maintenanceTimer;
    this.trafficTimer = trafficTimer;
  }

  /**
   * @param demoAccountSid the account whose SIMs get simulated traffic; null (or
   *                       {@code simulatedTrafficMillis <= 0}) means no simulated traffic
   */
  public static UsageJobs start(Vertx vertx, Pool pool, IngestionService ingestion, String demoAccountSid,
                                long simulatedTrafficMillis) {
    Runnable maintain = () -> UsageMaintenance.run(pool, OffsetDateTime.now())
        .onSuccess(n -> LOG.debug("usage partitions: {} created or dropped", n));
    maintain.run();
    long maintenance = vertx.setPeriodic(3_600_000, id -> maintain.run());
    long traffic = -1;
    if (demoAccountSid != null && simulatedTrafficMillis > 0) {
      TrafficSimulator simulator = new TrafficSimulator(pool, ingestion, demoAccountSid, Clock.systemUTC(),
          new Random());
      traffic = vertx.setPeriodic(simulatedTrafficMillis, id -> simulator.tick()
          .onFailure(e -> LOG.warn("simulated traffic round failed: {}", e.getMessage())));
      LOG.info("simulated carrier traffic on for the demo fleet (every {} ms; WIRELESS_SIMULATED_TRAFFIC=false "
          + "turns it off)", simulatedTrafficMillis);
    }
    return new UsageJobs(vertx, maintenance, traffic);
  }

  public Future<Void> stop() {
    vertx.cancelTimer(maintenanceTimer);
    if (trafficTimer >= 0) {
      vertx.cancelTimer(trafficTimer);
    }
    return Future.succeededFuture();
  }
}
