package dev.wireless.server.commands;

import dev.wireless.persistence.config.EnvironmentReader;
import dev.wireless.server.carrier.SimulatedCarrier.SmsBehaviour;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of Command delivery (README table): {@code WIRELESS_COMMAND_WORKERS},
 * {@code WIRELESS_COMMAND_POLL}, {@code WIRELESS_COMMAND_LEASE}, {@code WIRELESS_COMMAND_RECEIPT_TIMEOUT}
 * (a Command still only {@code sent} then fails), {@code WIRELESS_COMMAND_RETENTION} (Commands older
 * are purged), {@code WIRELESS_COMMAND_PURGE_INTERVAL}, and the simulated carrier's SMS behaviour:
 * {@code WIRELESS_CARRIER_SMS_FAILURE_RATE}, {@code WIRELESS_CARRIER_SMS_RECEIPT_DELAY},
 * {@code WIRELESS_CARRIER_SMS_RECEIPT_FAILURE_RATE}, {@code WIRELESS_CARRIER_SMS_RECEIPT_LOSS_RATE}.
 */
public record CommandSettings(int workers, Duration pollInterval, Duration lease, Duration receiptTimeout,
                              Duration retention, Duration purgeInterval, SmsBehaviour carrier) {

  public static CommandSettings defaults() {
    return new CommandSettings(2, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(10),
        Duration.ofDays(30), Duration.ofHours(1), new SmsBehaviour(0, Duration.ofSeconds(1), 0, 0));
  }

  /** The settings from the environment; an invalid value fails with a message naming the variable. */
  public static CommandSettings from(Map<String, String> env) {
    return from(new EnvironmentReader(env));
  }

  /** The settings read through {@code e}; see {@link #from(Map)}. */
  public static CommandSettings from(EnvironmentReader e) {
    CommandSettings d = defaults();
    return new CommandSettings(
        e.integer("WIRELESS_COMMAND_WORKERS", d.workers(), 0, 64),
        e.duration("WIRELESS_COMMAND_POLL", d.pollInterval()),
        e.duration("WIRELESS_COMMAND_LEASE", d.lease()),
        e.duration("WIRELESS_COMMAND_RECEIPT_TIMEOUT", d.receiptTimeout()),
        e.duration("WIRELESS_COMMAND_RETENTION", d.retention()),
        e.duration("WIRELESS_COMMAND_PURGE_INTERVAL", d.purgeInterval()),
        new SmsBehaviour(e.fraction("WIRELESS_CARRIER_SMS_FAILURE_RATE", d.carrier().failureRate()),
            e.duration("WIRELESS_CARRIER_SMS_RECEIPT_DELAY", d.carrier().receiptDelay()),
            e.fraction("WIRELESS_CARRIER_SMS_RECEIPT_FAILURE_RATE", d.carrier().receiptFailureRate()),
            e.fraction("WIRELESS_CARRIER_SMS_RECEIPT_LOSS_RATE", d.carrier().receiptLossRate())));
  }
}
