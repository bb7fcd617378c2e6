package dev.wireless.server.rateplans;

import java.time.OffsetDateTime;
import java.util.List;

/** A rate plan as stored. {@code id} is internal (keyset paging, SIM references), never exposed. */
public record RatePlanRow(long id, String sid, String accountSid, String uniqueName, String friendlyName,
                          boolean dataEnabled, String dataMetering, Integer dataLimit, boolean messagingEnabled,
                          boolean voiceEnabled, boolean nationalRoamingEnabled, Integer nationalRoamingDataLimit,
                          List<String> internationalRoaming, Integer internationalRoamingDataLimit,
                          String dataLimitStrategy, String usageNotificationUrl, String usageNotificationMethod,
                          OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
