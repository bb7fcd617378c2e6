package dev.wireless.server.rateplans;

import java.util.List;

/** What a client asked for when creating a rate plan; null means "not given" (defaults apply). */
public record NewRatePlan(String uniqueName, String friendlyName, Boolean dataEnabled, Integer dataLimit,
                          String dataMetering, Boolean messagingEnabled, Boolean voiceEnabled,
                          Boolean nationalRoamingEnabled, List<String> internationalRoaming,
                          Integer nationalRoamingDataLimit, Integer internationalRoamingDataLimit,
                          String dataLimitStrategy, String usageNotificationUrl, String usageNotificationMethod) {
}
