package dev.wireless.server.sims;

/** One inventory line: a SIM card to register on an account, in status {@code new}. */
public record NewSim(String iccid, String eid, String registrationCode, String uniqueName, String friendlyName) {
}
