package dev.wireless.server.carrier;

import java.time.Duration;

/**
 * What the carrier answered: the change is applied; refused (final, with an error code and message
 * for the callback); or scheduled ("not accepting changes now, will apply later": ask again after
 * {@code retryAfter}).
 */
public record CarrierResult(Outcome outcome, int errorCode, String message, Duration retryAfter) {

  public enum Outcome { APPLIED, REFUSED, SCHEDULED }

  /** The SMS was handed to the network (the Command is {@code sent}); same outcome as {@link #applied}. */
  public static CarrierResult accepted() {
    return applied();
  }

  public static CarrierResult applied() {
    return new CarrierResult(Outcome.APPLIED, 0, null, null);
  }

  public static CarrierResult refused(int errorCode, String message) {
    return new CarrierResult(Outcome.REFUSED, errorCode, message, null);
  }

  public static CarrierResult scheduled(Duration retryAfter) {
    return new CarrierResult(Outcome.SCHEDULED, 0, null, retryAfter);
  }
}
