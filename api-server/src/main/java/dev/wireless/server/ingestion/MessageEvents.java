package dev.wireless.server.ingestion;

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
   * event stores nothing new. Succeeds with {@code null} when stored (or already stored), or with a
   * refusal reason (e.g. "33203 …") when the SIM may not send messages; fails only on a database
   * error.
   */
  Future<String> fromSim(MobileOriginatedSms sms);

  /** A delivery receipt for the MT Command {@code commandSid}; a repeated or late receipt is ignored. */
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
}
