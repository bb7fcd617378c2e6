package dev.wireless.server.commands;

import dev.wireless.callbacks.delivery.RetrySchedule;
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
    CommandSettings d = defaults();
    Env e = new Env(env);
    return new CommandSettings(
        (int) e.number("WIRELESS_COMMAND_WORKERS", d.workers(), 0, 64),
        e.duration("WIRELESS_COMMAND_POLL", d.pollInterval()),
        e.duration("WIRELESS_COMMAND_LEASE", d.lease()),
        e.duration("WIRELESS_COMMAND_RECEIPT_TIMEOUT", d.receiptTimeout()),
        e.duration("WIRELESS_COMMAND_RETENTION", d.retention()),
        e.duration("WIRELESS_COMMAND_PURGE_INTERVAL", d.purgeInterval()),
        new SmsBehaviour(e.number("WIRELESS_CARRIER_SMS_FAILURE_RATE", 0, 0, 1),
            e.duration("WIRELESS_CARRIER_SMS_RECEIPT_DELAY", d.carrier().receiptDelay()),
            e.number("WIRELESS_CARRIER_SMS_RECEIPT_FAILURE_RATE", 0, 0, 1),
            e.number("WIRELESS_CARRIER_SMS_RECEIPT_LOSS_RATE", 0, 0, 1)));
  }

  private record Env(Map<String, String> env) {

    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.trim();
    }

    double number(String name, double fallback, double min, double max) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      try {
        double parsed = Double.parseDouble(value);
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + " (got '" + value
          + "')");
    }

    Duration duration(String name, Duration fallback) {
      String value = text(name);
      try {
        return value == null ? fallback : RetrySchedule.parseDuration(value);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(name + " must be a duration such as 30s, 5m or 1h (got '" + value + "')");
      }
    }
  }
}
