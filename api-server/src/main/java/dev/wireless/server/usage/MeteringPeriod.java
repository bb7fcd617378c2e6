package dev.wireless.server.usage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A SIM's metering month, over which its data limits count and its usage notification is sent at
 * most once. As the public documentation puts it, the period begins on the day of activation and
 * ends on the same day of the following month; a day the following month does not have (the 29th
 * to the 31st) becomes that month's last day, so a SIM activated on the 31st is metered from the
 * 31st (or the last day of a shorter month) to the last day of the next month. Days are UTC days.
 * A SIM that was never activated is metered by calendar month.
 */
public record MeteringPeriod(OffsetDateTime start, OffsetDateTime end) {

  /** The period of a SIM activated at {@code activatedAt} (null: never) that contains {@code at}. */
  public static MeteringPeriod containing(OffsetDateTime activatedAt, OffsetDateTime at) {
    LocalDate day = at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    int anchor = activatedAt == null ? 1 : activatedAt.withOffsetSameInstant(ZoneOffset.UTC).getDayOfMonth();
    YearMonth month = YearMonth.from(day);
    LocalDate start = dayIn(month, anchor);
    if (start.isAfter(day)) {
      month = month.minusMonths(1);
      start = dayIn(month, anchor);
    }
    LocalDate end = dayIn(month.plusMonths(1), anchor);
    return new MeteringPeriod(start.atStartOfDay().atOffset(ZoneOffset.UTC), end.atStartOfDay().atOffset(ZoneOffset.UTC));
  }

  /** The {@code anchor}th day of {@code month}, or its last day when it is shorter. */
  private static LocalDate dayIn(YearMonth month, int anchor) {
    return month.atDay(Math.min(anchor, month.lengthOfMonth()));
  }
}
