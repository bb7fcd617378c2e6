package dev.wireless.server.ingestion;

import dev.wireless.server.usage.DataSessionRepository.SessionWrite;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A session's current picture, recomputed from all its events: counters are the largest seen,
 * descriptive fields (operator, cell, IMEI) come from the latest event that has them, {@code end}
 * from an end event.
 */
record SessionSummary(long simId, String sessionKey, OffsetDateTime start, OffsetDateTime end,
                      OffsetDateTime lastUpdated, NetworkEvent latest, long bytesUp, long bytesDown, long packetsUp,
                      long packetsDown) {

  static SessionSummary of(List<StoredEvent> events) {
    List<StoredEvent> sorted = new ArrayList<>(events);
    sorted.sort(StoredEvent.CHRONOLOGICAL);
    NetworkEvent first = sorted.get(0).event();
    Totals t = new Totals(0, 0, 0, 0, null).after(sorted);
    NetworkEvent last = sorted.get(sorted.size() - 1).event();
    NetworkEvent merged = new NetworkEvent(last.eventId(), last.kind(), last.iccid(), last.time(), first.sessionKey(),
        first.sessionStart(), latest(sorted, NetworkEvent::radioLink), latest(sorted, NetworkEvent::operatorMcc),
        latest(sorted, NetworkEvent::operatorMnc), latest(sorted, NetworkEvent::operatorCountry),
        latest(sorted, NetworkEvent::operatorName), latest(sorted, NetworkEvent::cellId),
        latest(sorted, NetworkEvent::cellLat), latest(sorted, NetworkEvent::cellLon),
        latest(sorted, NetworkEvent::imei), t.up(), t.down(), t.packetsUp(), t.packetsDown(), last.roaming(),
        last.countryCode());
    return new SessionSummary(sorted.get(0).simId(), first.sessionKey(), first.sessionStart(), t.end(), last.time(),
        merged, t.up(), t.down(), t.packetsUp(), t.packetsDown());
  }

  /**
   * The picture of a session stored as {@code stored} after {@code later}, chronologically sorted
   * events that all come after its last one: the same as {@link #of} all its events, since counters
   * are the largest seen, the descriptive fields the latest given and the end the latest end.
   */
  static SessionSummary continuing(SessionWrite stored, List<StoredEvent> later) {
    NetworkEvent last = later.get(later.size() - 1).event();
    Totals t = new Totals(stored.bytesUp(), stored.bytesDown(), stored.packetsUp(), stored.packetsDown(),
        stored.end()).after(later);
    NetworkEvent merged = new NetworkEvent(last.eventId(), last.kind(), last.iccid(), last.time(), stored.key(),
        stored.start(), or(latest(later, NetworkEvent::radioLink), stored.radioLink()),
        or(latest(later, NetworkEvent::operatorMcc), stored.mcc()),
        or(latest(later, NetworkEvent::operatorMnc), stored.mnc()),
        or(latest(later, NetworkEvent::operatorCountry), stored.country()),
        or(latest(later, NetworkEvent::operatorName), stored.operator()),
        or(latest(later, NetworkEvent::cellId), stored.cellId()), or(latest(later, NetworkEvent::cellLat), stored.lat()),
        or(latest(later, NetworkEvent::cellLon), stored.lon()), or(latest(later, NetworkEvent::imei), stored.imei()),
        t.up(), t.down(), t.packetsUp(), t.packetsDown(), last.roaming(), last.countryCode());
    return new SessionSummary(stored.simId(), stored.key(), stored.start(), t.end(), last.time(), merged, t.up(),
        t.down(), t.packetsUp(), t.packetsDown());
  }

  /** Counters (the largest seen) and the end (the latest end event's time) of a session so far. */
  private record Totals(long up, long down, long packetsUp, long packetsDown, OffsetDateTime end) {

    /** These totals carried over {@code events}, in chronological order. */
    Totals after(List<StoredEvent> events) {
      long u = up;
      long d = down;
      long pu = packetsUp;
      long pd = packetsDown;
      OffsetDateTime e = end;
      for (StoredEvent s : events) {
        NetworkEvent event = s.event();
        u = Math.max(u, event.bytesUp());
        d = Math.max(d, event.bytesDown());
        pu = Math.max(pu, event.packetsUp());
        pd = Math.max(pd, event.packetsDown());
        if (event.ends()) {
          e = event.time();
        }
      }
      return new Totals(u, d, pu, pd, e);
    }
  }

  private static <T> T or(T value, T otherwise) {
    return value != null ? value : otherwise;
  }

  private static <T> T latest(List<StoredEvent> sorted, Function<NetworkEvent, T> field) {
    for (int i = sorted.size() - 1; i >= 0; i--) {
      T value = field.apply(sorted.get(i).event());
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
