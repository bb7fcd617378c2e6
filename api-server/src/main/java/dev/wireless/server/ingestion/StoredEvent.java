package dev.wireless.server.ingestion;

import java.util.Comparator;

/** A network event as stored, with the internal id of its SIM. */
record StoredEvent(long simId, NetworkEvent event) {

  /** Event time, then event id: a total order that does not depend on arrival. */
  static final Comparator<StoredEvent> CHRONOLOGICAL = Comparator
      .comparing((StoredEvent e) -> e.event().time().toInstant())
      .thenComparing(e -> e.event().eventId());

  SessionId session() {
    return new SessionId(simId, event.sessionKey(), event.sessionStart().toInstant());
  }

  /** A carrier session: SIM, the carrier's key and the start time (the partition key). */
  record SessionId(long simId, String key, java.time.Instant start) {
  }
}
