package dev.wireless.server.ingestion;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.Future;
import java.time.OffsetDateTime;

/**
 * Where network ingestion hands the messaging events it receives (an SMS from a SIM, a delivery
 * receipt for an SMS to a SIM): the Commands service implements it. Kept as an interface so the
 * ingestion path does not depend on how Commands stores them.
 */
public interface MessageEvents {

  /**
   * An SMS a SIM sent to the short code (mobile-originated). Idempotent by {@code eventId}: a resent
   * event stores nothing new. Succeeds with {@code null} when stored (or already stored), or with the
   * {@link Refusal} when the SIM may not send messages (what the refusal records, e.g. its Debugger
   * alert, is committed); fails only on a database error.
   */
  Future<Refusal> fromSim(MobileOriginatedSms sms);

  /**
   * A delivery receipt for the MT Command {@code commandSid}; a repeated or late receipt is ignored.
   * Fails with an {@link ApiException} when the receipt is refused, with anything else when it could
   * not be stored.
   */
  Future<Void> deliveryReceipt(String commandSid, boolean delivered, int errorCode, String message);

  /**
   * One MO SMS as the network reported it.
   *
   * @param mode        {@code text} or {@code binary} ({@code payload} is then base64)
   * @param roaming     {@code home}, {@code national} or {@code international}; null when the network
   *                    did not say, and the SIM's latest data session tells where it is
   * @param countryCode visited country (ISO 3166 alpha-2) for international roaming, else empty
   * @param transport   {@code sms} (to the short code) or {@code ip} (binary, over the SIM's open data
   *                    session)
   */
  record MobileOriginatedSms(String eventId, String iccid, OffsetDateTime time, String mode, String payload,
                             String roaming, String countryCode, String transport) {
  }

  /**
   * Why a messaging event was not stored: a public error code and the cause. The network feed
   * reports it as the event's result; the device simulator answers with it as an error.
   */
  record Refusal(ErrorCode code, String message) {

    /** The refusal as the error the API answers with. */
    public ApiException toException() {
      return ApiException.of(code, message);
    }
  }
}
