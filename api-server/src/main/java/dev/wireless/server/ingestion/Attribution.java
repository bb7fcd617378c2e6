package dev.wireless.server.ingestion;

import dev.wireless.server.usage.UsageKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits a session's cumulative counters into hourly usage: each event is charged with what the
 * counters grew since the chronologically previous event, in its own hour and roaming class.
 * It is a function of the <em>set</em> of events, so the order they arrived in does not matter;
 * ingestion applies the difference between the attribution with and without the new events.
 */
final class Attribution {

  private Attribution() {
  }

  /** Hour/roaming/country → {upload, download} bytes. */
  static Map<UsageKey, long[]> of(List<StoredEvent> sessionEvents) {
    List<StoredEvent> sorted = new ArrayList<>(sessionEvents);
    sorted.sort(StoredEvent.CHRONOLOGICAL);
    return continuing(0, 0, sorted);
  }

  /**
   * What {@code later} (chronologically sorted) add to a session whose earlier events reached
   * the counters {@code maxUp} and {@code maxDown}: since each event is charged with the growth
   * since the one before it, events that all come after the earlier ones add exactly this, and
   * the earlier events need not be read.
   */
  static Map<UsageKey, long[]> continuing(long maxUp, long maxDown, List<StoredEvent> later) {
    Map<UsageKey, long[]> cells = new TreeMap<>();
    for (StoredEvent stored : later) {
      NetworkEvent e = stored.event();
      long up = Math.max(0, e.bytesUp() - maxUp);
      long down = Math.max(0, e.bytesDown() - maxDown);
      maxUp = Math.max(maxUp, e.bytesUp());
      maxDown = Math.max(maxDown, e.bytesDown());
      if (up != 0 || down != 0) {
        long[] cell = cells.computeIfAbsent(new UsageKey(e.time(), e.roaming(), e.countryCode()), k -> new long[2]);
        cell[0] += up;
        cell[1] += down;
      }
    }
    return cells;
  }

  /** {@code after − before}, cell by cell, leaving out cells that did not change. */
  static Map<UsageKey, long[]> difference(Map<UsageKey, long[]> after, Map<UsageKey, long[]> before) {
    Map<UsageKey, long[]> diff = new TreeMap<>();
    after.forEach((k, v) -> diff.put(k, v.clone()));
    before.forEach((k, v) -> {
      long[] cell = diff.computeIfAbsent(k, x -> new long[2]);
      cell[0] -= v[0];
      cell[1] -= v[1];
    });
    diff.values().removeIf(v -> v[0] == 0 && v[1] == 0);
    return diff;
  }
}
