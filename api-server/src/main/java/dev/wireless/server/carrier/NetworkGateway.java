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
   * One request to the carrier.
   *
   * @param status  the status to provision (null for a connectivity reset)
   * @param attempt 1 for the first call of this job, higher on retries
   */
  record CarrierRequest(long jobId, String simSid, String iccid, String status, int attempt) {
  }
}
