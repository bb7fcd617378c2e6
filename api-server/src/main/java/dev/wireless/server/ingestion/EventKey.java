package dev.wireless.server.ingestion;

import java.time.Instant;

/** What identifies an event across the whole feed: the carrier's id and the event's time. */
record EventKey(String eventId, Instant at) {

  static EventKey of(NetworkEvent e) {
    return new EventKey(e.eventId(), e.time().toInstant());
  }
}
