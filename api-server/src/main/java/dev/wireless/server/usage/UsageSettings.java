package dev.wireless.server.usage;

import dev.wireless.callbacks.delivery.RetrySchedule;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of network ingestion and usage.
 *
 * @param simulatedTraffic  WIRELESS_SIMULATED_TRAFFIC: the simulated carrier reports traffic for the
 *                          demo fleet; default on with the embedded database, off when WIRELESS_DB_URL is set
 * @param operatorToken     WIRELESS_OPERATOR_TOKEN: Bearer token of {@code POST /network/v1/Events};
 *                          null means one generated into the data directory
 * @param prices            WIRELESS_USAGE_PRICES (see {@link PriceTable})
 * @param trafficInterval   WIRELESS_SIMULATED_TRAFFIC_INTERVAL: how often the simulated carrier reports (default 1m)
 */
public record UsageSettings(boolean simulatedTraffic, String operatorToken, PriceTable prices,
                            Duration trafficInterval) {

  public static UsageSettings from(Map<String, String> env) {
    String traffic = text(env, "WIRELESS_SIMULATED_TRAFFIC");
    boolean simulated;
    if (traffic == null) {
      simulated = text(env, "WIRELESS_DB_URL") == null;
    } else if (traffic.equalsIgnoreCase("true") || traffic.equals("1")) {
      simulated = true;
    } else if (traffic.equalsIgnoreCase("false") || traffic.equals("0")) {
      simulated = false;
    } else {
      throw new IllegalArgumentException("WIRELESS_SIMULATED_TRAFFIC must be true or false (got '" + traffic + "')");
    }
    String interval = text(env, "WIRELESS_SIMULATED_TRAFFIC_INTERVAL");
    Duration every;
    try {
      every = interval == null ? Duration.ofMinutes(1) : RetrySchedule.parseDuration(interval);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("WIRELESS_SIMULATED_TRAFFIC_INTERVAL must be a duration such as 30s or 1m"
          + " (got '" + interval + "')");
    }
    return new UsageSettings(simulated, text(env, "WIRELESS_OPERATOR_TOKEN"),
        PriceTable.parse(text(env, "WIRELESS_USAGE_PRICES")), every);
  }

  private static String text(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
