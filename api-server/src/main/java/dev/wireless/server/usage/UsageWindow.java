package dev.wireless.server.usage;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The period a UsageRecords query covers and how it is cut into records. Defaults: End = now,
 * Start = End − 1 month. Usage is kept per hour, so Start counts from the start of its hour;
 * {@code hourly} and {@code daily} records are aligned to UTC hours and days, {@code all} is one
 * record from Start to End. Records are numbered 0…count−1; page keys are number + 1.
 */
public record UsageWindow(OffsetDateTime start, OffsetDateTime end, String granularity) {

  /** How far back usage is kept (and may be asked for). */
  public static final int RETENTION_MONTHS = 18;

  public static UsageWindow of(OffsetDateTime start, OffsetDateTime end, String granularity, OffsetDateTime now) {
    OffsetDateTime e = (end == null ? now : end).withOffsetSameInstant(ZoneOffset.UTC);
    OffsetDateTime s = (start == null ? e.minusMonths(1) : start).withOffsetSameInstant(ZoneOffset.UTC);
    if (s.isAfter(e)) {
      throw ApiException.of(ErrorCode.INVALID_PARAMETER, "Start (" + s + ") must not be after End (" + e + ")");
    }
    if (s.isBefore(now.minusMonths(RETENTION_MONTHS))) {
      throw ApiException.of(ErrorCode.INVALID_PARAMETER,
          "Start lies beyond the " + RETENTION_MONTHS + "-month usage retention; the earliest is "
              + now.minusMonths(RETENTION_MONTHS).withOffsetSameInstant(ZoneOffset.UTC));
    }
    return new UsageWindow(s, e, granularity == null ? "all" : granularity);
  }

  /** First rollup hour included. */
  public OffsetDateTime firstHour() {
    return start.truncatedTo(ChronoUnit.HOURS);
  }

  private Duration step() {
    return granularity.equals("hourly") ? Duration.ofHours(1) : Duration.ofDays(1);
  }

  private OffsetDateTime origin() {
    return granularity.equals("daily") ? start.truncatedTo(ChronoUnit.DAYS) : firstHour();
  }

  public int count() {
    if (granularity.equals("all")) {
      return 1;
    }
    long span = Duration.between(origin(), end).toMillis();
    long step = step().toMillis();
    return (int) Math.max(1, (span + step - 1) / step);
  }

  public OffsetDateTime recordStart(int index) {
    return granularity.equals("all") ? start : origin().plus(step().multipliedBy(index));
  }

  public OffsetDateTime recordEnd(int index) {
    return granularity.equals("all") ? end : origin().plus(step().multipliedBy(index + 1L));
  }

  /** The record number an hour of usage falls in. */
  public int indexOf(OffsetDateTime hour) {
    return granularity.equals("all") ? 0 : (int) (Duration.between(origin(), hour).toMillis() / step().toMillis());
  }

  /** Rollup hours to read for records {@code from}…{@code to} (inclusive): [first, last). */
  public OffsetDateTime[] hours(int from, int to) {
    OffsetDateTime lo = recordStart(from).isBefore(firstHour()) ? firstHour() : recordStart(from);
    OffsetDateTime hi = recordEnd(to).isAfter(end) ? end : recordEnd(to);
    return new OffsetDateTime[] {lo.truncatedTo(ChronoUnit.HOURS), hi};
  }
}
