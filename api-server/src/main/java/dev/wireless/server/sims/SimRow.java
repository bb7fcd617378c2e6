package dev.wireless.server.sims;

import java.time.OffsetDateTime;

/**
 * A SIM as stored, with its rate plan's SID joined in. {@code id} is internal (keyset paging, job
 * references), never exposed.
 */
public record SimRow(long id, String sid, String accountSid, Long ratePlanId, String ratePlanSid, String uniqueName,
                     String friendlyName, String iccid, String eid, String registrationCode, String status,
                     String resetStatus, String commandsCallbackUrl, String commandsCallbackMethod, String smsUrl,
                     String smsMethod, String smsFallbackUrl, String smsFallbackMethod, String voiceUrl,
                     String voiceMethod, String voiceFallbackUrl, String voiceFallbackMethod, String ipAddress,
                     OffsetDateTime createdAt, OffsetDateTime updatedAt) {

  public SimState state() {
    return SimState.of(status);
  }
}
