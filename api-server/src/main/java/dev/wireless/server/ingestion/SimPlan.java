package dev.wireless.server.ingestion;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A SIM as ingestion needs it: identity, status and its rate plan's rules (null fields when the
 * SIM has no plan, which allows nothing), and when it was first activated (null: never), which
 * anchors its metering period.
 */
record SimPlan(long simId, String simSid, String accountSid, String iccid, String status, String ratePlanSid,
               boolean dataEnabled, String dataMetering, Integer dataLimitMb, String dataLimitStrategy,
               boolean nationalRoamingEnabled, Integer nationalRoamingLimitMb, List<String> internationalRoaming,
               Integer internationalRoamingLimitMb, String notificationUrl, String notificationMethod,
               OffsetDateTime activatedAt) {

  boolean hasPlan() {
    return ratePlanSid != null;
  }

  String metering() {
    return dataMetering == null ? "payg" : dataMetering;
  }
}
