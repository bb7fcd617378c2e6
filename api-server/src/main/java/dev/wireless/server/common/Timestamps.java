package dev.wireless.server.common;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * API dates are UTC with whole seconds ({@code 2015-07-30T20:00:00Z}), as upstream. Date-times a
 * client sends are read by {@link #parse} alone, which takes what the common client libraries
 * send: RFC 3339, an offset without a colon ({@code +0000}, {@code -0330}, Python's default) and
 * no offset at all (read as UTC, Twilio's helper libraries).
 */
public final class Timestamps {

  /** Date, {@code T}, time with seconds and an optional fraction, then an optional offset in either form. */
  private static final DateTimeFormatter INPUT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      // reached only when the first form did not match; "" reads no offset at all as zero (UTC)
      .optionalStart().appendOffset("+HHMM", "").optionalEnd()
      .toFormatter().withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);

  private Timestamps() {
  }

  public static OffsetDateTime api(OffsetDateTime stored) {
    return stored == null ? null : stored.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * A client's date-time, with the offset it gives or UTC when it gives none.
   *
   * @throws DateTimeParseException when {@code text} is none of the accepted shapes or no real instant
   */
  public static OffsetDateTime parse(String text) {
    TemporalAccessor parsed = INPUT.parse(text);
    return LocalDateTime.from(parsed).atOffset(ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)));
  }

  /**
   * The RFC 3339 form of {@code time} in UTC, always with seconds ({@code OffsetDateTime.toString}
   * drops {@code :00} seconds, which no date-time parameter accepts), as URLs repeat it.
   */
  public static String format(OffsetDateTime time) {
    return time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
