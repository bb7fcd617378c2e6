package dev.wireless.server.carrier;

import java.time.Duration;

/**
 * What the carrier answered: the change is applied; refused (final, with an error code and message
 * for the callback); or scheduled ("not accepting changes now, will apply later": ask again after
 * {@code retryAfter}).
 *
 * @param report for an SMS the network took: the delivery report it will send, which the platform
 *               stores with the {@code sent} Command and applies when due (null: none announced)
 */
public record CarrierResult(Outcome outcome, int errorCode, String message, Duration retryAfter,
                            DeliveryReport report) {

  public enum Outcome { APPLIED, REFUSED, SCHEDULED }

  /**
   * A delivery report the network has committed to send for an SMS it took: {@code after} the
   * hand-over, {@code delivered} or undeliverable with the network's error. Holding it durably is
   * the platform's side of a carrier that resends a report until it is acknowledged.
   */
  public record DeliveryReport(Duration after, boolean delivered, int errorCode, String message) {
  }

  /** The SMS was handed to the network (the Command is {@code sent}); same outcome as {@link #applied}. */
  public static CarrierResult accepted() {
    return applied();
  }

  /** The SMS was handed to the network, which will send {@code report} later. */
  public static CarrierResult accepted(DeliveryReport report) {
    return new CarrierResult(Outcome.APPLIED, 0, null, null, report);
  }

  public static CarrierResult applied() {
    return new CarrierResult(Outcome.APPLIED, 0, null, null, null);
  }

  public static CarrierResult refused(int errorCode, String message) {
    return new CarrierResult(Outcome.REFUSED, errorCode, message, null, null);
  }

  public static CarrierResult scheduled(Duration retryAfter) {
    return new CarrierResult(Outcome.SCHEDULED, 0, null, retryAfter, null);
  }
}
