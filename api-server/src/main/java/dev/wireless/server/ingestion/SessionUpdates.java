package dev.wireless.server.ingestion;

import dev.wireless.server.ingestion.StoredEvent.SessionId;
import dev.wireless.server.usage.DataSessionRepository.SessionWrite;
import dev.wireless.server.usage.UsageKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a batch's new events change in the sessions they belong to: the usage each SIM gains per
 * hour and roaming class, and each session's new picture.
 *
 * <p>A session whose new events all come after everything stored for it (the usual case: the
 * carrier reports a session as it goes, and a new session has nothing stored) continues from its
 * stored picture, its largest counters, without reading its events: each event is charged with
 * what the counters grew since the chronologically previous one, so the earlier events' charges
 * do not change. Any other session (a late or reordered event) is recomputed from all its stored
 * events, the new ones included, and charged the difference; {@link #needingHistory} names them
 * and {@link #recompute} takes their events.
 */
final class SessionUpdates {

  private final Map<SessionId, List<StoredEvent>> freshBySession = new LinkedHashMap<>();
  private final Set<SessionId> needingHistory = new HashSet<>();
  private final SortedMap<Long, Map<UsageKey, long[]>> deltaBySim = new TreeMap<>();
  private final List<SessionSummary> created = new ArrayList<>();
  private final List<SessionSummary> changed = new ArrayList<>();

  /**
   * @param fresh  the batch's events that were new (stored by this batch)
   * @param stored the stored picture of those of their sessions that existed before the batch
   */
  SessionUpdates(List<StoredEvent> fresh, Map<SessionId, SessionWrite> stored) {
    for (StoredEvent e : fresh) {
      freshBySession.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
      deltaBySim.computeIfAbsent(e.simId(), k -> new TreeMap<>());
    }
    freshBySession.forEach((id, events) -> {
      events.sort(StoredEvent.CHRONOLOGICAL);
      SessionWrite before = stored.get(id);
      if (before == null) {
        add(id.simId(), Attribution.continuing(0, 0, events));
        created.add(SessionSummary.of(events));
      } else if (events.get(0).event().time().isAfter(before.lastUpdated())) {
        add(id.simId(), Attribution.continuing(before.bytesUp(), before.bytesDown(), events));
        changed.add(SessionSummary.continuing(before, events));
      } else {
        needingHistory.add(id);
      }
    });
  }

  /** The sessions that a new event does not simply continue: {@link #recompute} needs all their events. */
  Set<SessionId> needingHistory() {
    return needingHistory;
  }

  /** Recomputes the sessions {@link #needingHistory} from {@code all} their stored events, the new ones included. */
  void recompute(List<StoredEvent> all) {
    Map<SessionId, List<StoredEvent>> bySession = new LinkedHashMap<>();
    for (StoredEvent e : all) {
      if (needingHistory.contains(e.session())) {
        bySession.computeIfAbsent(e.session(), k -> new ArrayList<>()).add(e);
      }
    }
    bySession.forEach((id, events) -> {
      Set<EventKey> fresh = new HashSet<>();
      freshBySession.get(id).forEach(e -> fresh.add(EventKey.of(e.event())));
      List<StoredEvent> before = events.stream().filter(e -> !fresh.contains(EventKey.of(e.event()))).toList();
      add(id.simId(), Attribution.difference(Attribution.of(events), Attribution.of(before)));
      changed.add(SessionSummary.of(events));
    });
  }

  private void add(long simId, Map<UsageKey, long[]> cells) {
    Map<UsageKey, long[]> simDelta = deltaBySim.get(simId);
    cells.forEach((k, v) -> {
      long[] cell = simDelta.computeIfAbsent(k, x -> new long[2]);
      cell[0] += v[0];
      cell[1] += v[1];
    });
  }

  /** SIM id → hour/roaming cell → {up, down} bytes added; every SIM with a new event has an entry. */
  SortedMap<Long, Map<UsageKey, long[]>> deltaBySim() {
    return deltaBySim;
  }

  /** The picture of every session that the batch starts (nothing of it was stored). */
  List<SessionSummary> created() {
    return created;
  }

  /** The new picture of every stored session with a new event. */
  List<SessionSummary> changed() {
    return changed;
  }
}
