package dev.wireless.server.sims;

import java.util.Locale;

/** The SIM statuses as stored in {@code sims.status} (and shown on the wire). */
public enum SimState {
  NEW, READY, ACTIVE, SUSPENDED, DEACTIVATED, CANCELED, SCHEDULED, UPDATING;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SimState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** Whether a change is in flight, so no other Status or RatePlan change may start (33010). */
  public boolean busy() {
    return this == UPDATING || this == SCHEDULED;
  }

  /** Whether the SIM may be on the network; such a SIM cannot be deleted. */
  public boolean connected() {
    return this == READY || this == ACTIVE || this == SUSPENDED || busy();
  }
}
