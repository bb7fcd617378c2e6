package dev.wireless.server.ingestion;

import java.util.List;

/**
 * A SIM as ingestion needs it: identity, status and its rate plan's rules (null fields when the
 * SIM has no plan, which allows nothing).
 */
record SimPlan(long simId, String simSid, String accountSid, String iccid, String status, String ratePlanSid,
               boolean dataEnabled, String dataMetering, Integer dataLimitMb, String dataLimitStrategy,
               boolean nationalRoamingEnabled, Integer nationalRoamingLimitMb, List<String> internationalRoaming,
               Integer internationalRoamingLimitMb, String notificationUrl, String notificationMethod) {

  boolean hasPlan() {
    return ratePlanSid != null;
  }

  String metering() {
    return dataMetering == null ? "payg" : dataMetering;
  }
}
