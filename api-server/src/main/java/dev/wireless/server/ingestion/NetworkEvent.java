package dev.wireless.server.ingestion;

import java.time.OffsetDateTime;

/**
 * One carrier event about a data session, as validated from the operator feed. Counters are
 * cumulative since the session started, so events may arrive in any order and more than once.
 *
 * @param sessionKey     the carrier's id of the session (unique per SIM and session start)
 * @param sessionStart   when the session started (every event of the session carries it)
 * @param roaming        {@code home}, {@code national} or {@code international}
 * @param countryCode    the visited country for international roaming, else empty
 */
public record NetworkEvent(String eventId, String kind, String iccid, OffsetDateTime time, String sessionKey,
                           OffsetDateTime sessionStart, String radioLink, String operatorMcc, String operatorMnc,
                           String operatorCountry, String operatorName, String cellId, Double cellLat, Double cellLon,
                           String imei, long bytesUp, long bytesDown, long packetsUp, long packetsDown,
                           String roaming, String countryCode) {

  public static final String START = "session_start";
  public static final String UPDATE = "session_update";
  public static final String END = "session_end";

  public boolean ends() {
    return END.equals(kind);
  }
}
