package dev.wireless.server.usage;

import dev.wireless.persistence.config.EnvironmentReader;
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
    return from(new EnvironmentReader(env));
  }

  /** The settings read through {@code env}; an invalid value fails with a message naming the variable. */
  public static UsageSettings from(EnvironmentReader env) {
    return new UsageSettings(env.bool("WIRELESS_SIMULATED_TRAFFIC", !env.isSet("WIRELESS_DB_URL")),
        env.text("WIRELESS_OPERATOR_TOKEN", null),
        env.parsed("WIRELESS_USAGE_PRICES", PriceTable::parse, PriceTable.defaults()),
        env.duration("WIRELESS_SIMULATED_TRAFFIC_INTERVAL", Duration.ofMinutes(1)));
  }
}
