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
    OffsetDateTime end = null;
    long up = 0;
    long down = 0;
    long pUp = 0;
    long pDown = 0;
    for (StoredEvent s : sorted) {
      NetworkEvent e = s.event();
      up = Math.max(up, e.bytesUp());
      down = Math.max(down, e.bytesDown());
      pUp = Math.max(pUp, e.packetsUp());
      pDown = Math.max(pDown, e.packetsDown());
      if (e.ends()) {
        end = e.time();
      }
    }
    NetworkEvent last = sorted.get(sorted.size() - 1).event();
    NetworkEvent merged = new NetworkEvent(last.eventId(), last.kind(), last.iccid(), last.time(), first.sessionKey(),
        first.sessionStart(), latest(sorted, NetworkEvent::radioLink), latest(sorted, NetworkEvent::operatorMcc),
        latest(sorted, NetworkEvent::operatorMnc), latest(sorted, NetworkEvent::operatorCountry),
        latest(sorted, NetworkEvent::operatorName), latest(sorted, NetworkEvent::cellId),
        latest(sorted, NetworkEvent::cellLat), latest(sorted, NetworkEvent::cellLon),
        latest(sorted, NetworkEvent::imei), up, down, pUp, pDown, last.roaming(), last.countryCode());
    return new SessionSummary(sorted.get(0).simId(), first.sessionKey(), first.sessionStart(), end, last.time(),
        merged, up, down, pUp, pDown);
  }

  /**
   * The picture of a session stored as {@code stored} after {@code later}, chronologically sorted
   * events that all come after its last one: the same as {@link #of} all its events, since counters
   * are the largest seen, the descriptive fields the latest given and the end the latest end.
   */
  static SessionSummary continuing(SessionWrite stored, List<StoredEvent> later) {
    NetworkEvent last = later.get(later.size() - 1).event();
    OffsetDateTime end = stored.end();
    long up = stored.bytesUp();
    long down = stored.bytesDown();
    long pUp = stored.packetsUp();
    long pDown = stored.packetsDown();
    for (StoredEvent s : later) {
      NetworkEvent e = s.event();
      up = Math.max(up, e.bytesUp());
      down = Math.max(down, e.bytesDown());
      pUp = Math.max(pUp, e.packetsUp());
      pDown = Math.max(pDown, e.packetsDown());
      if (e.ends()) {
        end = e.time();
      }
    }
    NetworkEvent merged = new NetworkEvent(last.eventId(), last.kind(), last.iccid(), last.time(), stored.key(),
        stored.start(), or(latest(later, NetworkEvent::radioLink), stored.radioLink()),
        or(latest(later, NetworkEvent::operatorMcc), stored.mcc()),
        or(latest(later, NetworkEvent::operatorMnc), stored.mnc()),
        or(latest(later, NetworkEvent::operatorCountry), stored.country()),
        or(latest(later, NetworkEvent::operatorName), stored.operator()),
        or(latest(later, NetworkEvent::cellId), stored.cellId()), or(latest(later, NetworkEvent::cellLat), stored.lat()),
        or(latest(later, NetworkEvent::cellLon), stored.lon()), or(latest(later, NetworkEvent::imei), stored.imei()),
        up, down, pUp, pDown, last.roaming(), last.countryCode());
    return new SessionSummary(stored.simId(), stored.key(), stored.start(), end, last.time(), merged, up, down, pUp,
        pDown);
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
