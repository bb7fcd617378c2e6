package dev.wireless.server.sims;

import java.time.Duration;

/**
 * Settings of asynchronous SIM provisioning (README table):
 * {@code WIRELESS_CARRIER_LATENCY}, {@code WIRELESS_CARRIER_FAILURE_RATE},
 * {@code WIRELESS_CARRIER_SCHEDULED_RATE}, {@code WIRELESS_CARRIER_SCHEDULED_DELAY},
 * {@code WIRELESS_SIM_CANCEL_AFTER} (deactivated → canceled), {@code WIRELESS_SIM_ACTIVATE_AFTER}
 * (ready → active), {@code WIRELESS_PROVISIONING_WORKERS}, {@code WIRELESS_PROVISIONING_LEASE},
 * {@code WIRELESS_PROVISIONING_POLL}.
 */
public record ProvisioningSettings(Duration carrierLatency, double carrierFailureRate, double carrierScheduledRate,
                                   Duration carrierScheduledDelay, Duration cancelAfter, Duration activateAfter,
                                   int workers, Duration lease, Duration pollInterval) {

  public static ProvisioningSettings defaults() {
    return new ProvisioningSettings(Duration.ofSeconds(2), 0, 0, Duration.ofMinutes(1), Duration.ofHours(72),
        Duration.ofDays(90), 2, Duration.ofSeconds(60), Duration.ofMillis(500));
  }
}
