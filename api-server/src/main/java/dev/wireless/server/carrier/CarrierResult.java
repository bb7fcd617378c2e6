package dev.wireless.server.carrier;

import java.time.Duration;

/**
 * What the carrier answered: the change is applied; refused (final, with an error code and message
 * for the callback); or scheduled ("not accepting changes now, will apply later": ask again after
 * {@code retryAfter}).
 */
public record CarrierResult(Outcome outcome, int errorCode, String message, Duration retryAfter) {

  public enum Outcome { APPLIED, REFUSED, SCHEDULED }

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
