package dev.wireless.server.sims;

/**
 * ListSim's filters after resolution. {@code ratePlanId} is the resolved plan; {@code unknownRatePlan}
 * means the client named a plan this account does not have, so nothing can match.
 */
public record SimFilter(String status, String iccid, Long ratePlanId, boolean unknownRatePlan, String eid,
                        String registrationCode) {
}
