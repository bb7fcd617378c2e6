package dev.wireless.server.ingestion;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads the feed's ISO 8601 date-times with offset, exactly as {@link OffsetDateTime#parse} does.
 * Every event carries two, and the general parser (a field map resolved per value) was the largest
 * single cost of reading a batch; the shape carriers send, {@code 2026-11-25T10:05:00[.fraction]}
 * then {@code Z} or {@code ±HH:MM}, is read directly, and anything else goes to the general parser,
 * which accepts or refuses it as before.
 */
final class EventTimes {

  private static final int[] SCALE = {1, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

  private EventTimes() {
  }

  /** @throws java.time.format.DateTimeParseException as {@link OffsetDateTime#parse} */
  static OffsetDateTime parse(String text) {
    OffsetDateTime usual = usualShape(text);
    return usual != null ? usual : OffsetDateTime.parse(text);
  }

  /** The value when {@code text} has the usual shape and is valid, else null (the general parser decides). */
  static OffsetDateTime usualShape(String text) {
    int n = text.length();
    if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int from = ++i;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == from || i - from > 9) {
        return null;
      }
      nanos = digits(text, from, i - from) * SCALE[i - from];
    }
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      ZoneOffset offset = offset(text, i);
      return offset == null ? null : OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  private static ZoneOffset offset(String text, int at) {
    if (at == text.length() - 1 && text.charAt(at) == 'Z') {
      return ZoneOffset.UTC;
    }
    if (at != text.length() - 6) {
      return null;
    }
    char sign = text.charAt(at);
    if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
      return null;
    }
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    if ((hours | minutes) < 0) {
      return null;
    }
    return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
  }

  /** The number written by {@code length} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
