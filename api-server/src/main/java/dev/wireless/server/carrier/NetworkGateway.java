package dev.wireless.server.carrier;

import io.vertx.core.Future;

/**
 * The seam to the mobile network: every change the platform makes to a SIM on the network goes
 * through here. The built-in {@link SimulatedCarrier} is used by default; a real carrier
 * integration implements this interface (and, later, sending SMS to a SIM).
 *
 * <p>Calls may be slow and may be repeated: the provisioning workers call at least once per job
 * and retry after a crash, so an implementation must treat a repeated request for the same
 * {@code jobId} and status as the same change (idempotent).
 */
public interface NetworkGateway {

  /** Asks the network to put the SIM in {@code request.status()}. */
  Future<CarrierResult> provisionStatus(CarrierRequest request);

  /** Asks the network to detach the SIM and let it re-attach (a connectivity reset). */
  Future<CarrierResult> resetConnectivity(CarrierRequest request);

  /**
   * Hands an SMS to the network for a SIM (a mobile-terminated Command). {@code APPLIED}: the
   * network took it (the Command is {@code sent}); {@code REFUSED}: final. When a receipt was
   * requested, the network reports it later: either announced in the answer
   * ({@link CarrierResult#accepted(CarrierResult.DeliveryReport)}, stored in the same transaction as
   * {@code sent} and applied when due, retried until it is), or through {@code receipts}, whose
   * future completes only once the receipt is stored (acknowledge it to the network then, never
   * before). Called at least once per Command: a repeated {@code commandSid} is the same message.
   */
  default Future<CarrierResult> sendSms(SmsRequest request, DeliveryReceipts receipts) {
    return Future.succeededFuture(CarrierResult.refused(33000, "This network does not carry SMS"));
  }

  /**
   * One SMS to a SIM.
   *
   * @param mode    {@code text} or {@code binary} ({@code payload} is then base64)
   * @param attempt 1 for the first call of this job, higher on retries
   */
  record SmsRequest(long jobId, String commandSid, String simSid, String iccid, String mode, String payload,
                    boolean receiptRequested, int attempt) {
  }

  /** Where the network reports the outcome of an SMS whose receipt was requested. */
  interface DeliveryReceipts {

    /**
     * The handset confirmed ({@code delivered}) or the network reported it undeliverable. Completes
     * once it is committed; a failed future means it was not, and the network must send it again.
     */
    Future<Void> receipt(String commandSid, boolean delivered, int errorCode, String message);
  }

  /**
   * One request to the carrier.
   *
   * @param status  the status to provision (null for a connectivity reset)
   * @param attempt 1 for the first call of this job, higher on retries
   */
  record CarrierRequest(long jobId, String simSid, String iccid, String status, int attempt) {
  }
}
