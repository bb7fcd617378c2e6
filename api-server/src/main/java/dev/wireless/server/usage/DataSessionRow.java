package dev.wireless.server.usage;

import java.time.OffsetDateTime;

/** A stored data session ({@code data_sessions}). */
public record DataSessionRow(long id, String sid, String simSid, String accountSid, OffsetDateTime start,
                             OffsetDateTime end, OffsetDateTime lastUpdated, String radioLink, String operatorMcc,
                             String operatorMnc, String operatorCountry, String operatorName, String cellId,
                             Double cellLat, Double cellLon, String imei, long packetsUp, long packetsDown) {

  /** Start seconds are counted from 2020-01-01 in the sort key ({@link DataSessionRepository}). */
  static final long EPOCH_2020 = 1_577_836_800L;
  /** The id's low bits that break ties between sessions started in the same second. */
  static final long ID_BITS = 0xFFFFFF;

  /** Ascending page key of this row (newest start first), the key its repository sorts pages by. */
  public long pageKey() {
    return Long.MAX_VALUE - (((start.toEpochSecond() - EPOCH_2020) << 24) | (id & ID_BITS));
  }
}
