package dev.wireless.server.ingestion;

import dev.wireless.server.usage.PriceTable;
import dev.wireless.server.usage.SessionGrowthRollup;
import dev.wireless.server.usage.UsageAmounts;
import dev.wireless.server.usage.UsageKey;
import dev.wireless.server.usage.UsageRollups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bridge between a batch and {@link SessionGrowthRollup}: the continuing sessions' events as its
 * rows (each with its session's stored maxima and its plan's price), and the cells Postgres charged
 * back into the batch's usage (for enforcement and the account rows).
 */
final class GrowthRows {

  private GrowthRows() {
  }

  /** One row per new event of the continuing sessions; sessions are numbered in the order given. */
  static List<SessionGrowthRollup.Growth> of(Map<Long, SimPlan> sims, List<SessionUpdates.Continuing> sessions,
                                             PriceTable prices) {
    List<SessionGrowthRollup.Growth> rows = new ArrayList<>();
    for (int n = 0; n < sessions.size(); n++) {
      SessionUpdates.Continuing session = sessions.get(n);
      for (StoredEvent stored : session.events()) {
        NetworkEvent e = stored.event();
        SimPlan sim = sims.get(stored.simId());
        String country = "international".equals(e.roaming()) ? e.countryCode() : "";
        rows.add(new SessionGrowthRollup.Growth(stored.simId(), sim.accountSid(), sim.simSid(), n, e.time(),
            e.eventId(), e.bytesUp(), e.bytesDown(), e.roaming(), country, session.baseUp(), session.baseDown(),
            prices.dataPerMb(sim.metering(), e.roaming())));
      }
    }
    return rows;
  }

  /**
   * The charged cells as usage per SIM, priced as Postgres priced them; adds each cell to
   * {@code updates}' delta of its SIM, which enforcement reads.
   */
  static List<UsageRollups.SimUsage> usage(Map<Long, SimPlan> sims, List<SessionGrowthRollup.Cell> cells,
                                           SessionUpdates updates) {
    Map<Long, TreeMap<UsageKey, UsageAmounts>> bySim = new TreeMap<>();
    for (SessionGrowthRollup.Cell c : cells) {
      bySim.computeIfAbsent(c.simId(), k -> new TreeMap<>()).put(c.key(), UsageAmounts.data(c.up(), c.down(),
          c.billed()));
      updates.add(c.simId(), Map.of(c.key(), new long[] {c.up(), c.down()}));
    }
    List<UsageRollups.SimUsage> usage = new ArrayList<>(bySim.size());
    bySim.forEach((simId, amounts) -> {
      SimPlan sim = sims.get(simId);
      usage.add(new UsageRollups.SimUsage(sim.accountSid(), sim.simSid(), amounts));
    });
    return usage;
  }
}
