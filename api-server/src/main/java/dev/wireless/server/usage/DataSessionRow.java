package dev.wireless.server.usage;

import java.time.OffsetDateTime;

/** A stored data session ({@code data_sessions}). */
public record DataSessionRow(long id, String sid, String simSid, String accountSid, OffsetDateTime start,
                             OffsetDateTime end, OffsetDateTime lastUpdated, String radioLink, String operatorMcc,
                             String operatorMnc, String operatorCountry, String operatorName, String cellId,
                             Double cellLat, Double cellLon, String imei, long packetsUp, long packetsDown) {
}
