package dev.wireless.server.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeteringPeriodTest {

  @ParameterizedTest(name = "activated {0}, at {1}: {2} to {3}")
  @CsvSource({
      // the day of activation to the same day next month
      "2026-03-15T17:20:00Z, 2026-03-15T17:00:00Z, 2026-03-15, 2026-04-15",
      "2026-03-15T17:20:00Z, 2026-04-14T23:59:59Z, 2026-03-15, 2026-04-15",
      "2026-03-15T17:20:00Z, 2026-04-15T00:00:00Z, 2026-04-15, 2026-05-15",
      // activated on the 31st: a shorter month's last day stands in for the 31st
      "2026-01-31T08:00:00Z, 2026-02-10T12:00:00Z, 2026-01-31, 2026-02-28",
      "2026-01-31T08:00:00Z, 2026-02-28T00:00:00Z, 2026-02-28, 2026-03-31",
      "2026-01-31T08:00:00Z, 2026-04-30T06:00:00Z, 2026-04-30, 2026-05-31",
      "2026-10-31T08:00:00Z, 2026-12-04T16:00:00Z, 2026-11-30, 2026-12-31",
      "2027-12-31T08:00:00Z, 2028-02-29T01:00:00Z, 2028-02-29, 2028-03-31",
      "2027-12-31T08:00:00Z, 2028-01-30T01:00:00Z, 2027-12-31, 2028-01-31",
      // the 29th and 30th clamp the same way
      "2026-01-30T08:00:00Z, 2026-03-01T00:00:00Z, 2026-02-28, 2026-03-30",
      "2027-11-29T08:00:00Z, 2028-02-29T00:00:00Z, 2028-02-29, 2028-03-29",
      // days are UTC days, whatever offset the times carry
      "2026-05-31T23:30:00-02:00, 2026-06-01T12:00:00Z, 2026-06-01, 2026-07-01",
  })
  void thePeriodRunsFromTheActivationDayToTheSameDayNextMonth(String activated, String at, String start,
                                                              String end) {
    MeteringPeriod period = MeteringPeriod.containing(OffsetDateTime.parse(activated), OffsetDateTime.parse(at));
    assertEquals(OffsetDateTime.parse(start + "T00:00:00Z"), period.start());
    assertEquals(OffsetDateTime.parse(end + "T00:00:00Z"), period.end());
  }

  @ParameterizedTest
  @CsvSource({"2026-02-14T10:00:00Z, 2026-02-01, 2026-03-01", "2026-12-31T23:59:59Z, 2026-12-01, 2027-01-01"})
  void aSimNeverActivatedIsMeteredByCalendarMonth(String at, String start, String end) {
    MeteringPeriod period = MeteringPeriod.containing(null, OffsetDateTime.parse(at));
    assertEquals(OffsetDateTime.parse(start + "T00:00:00Z"), period.start());
    assertEquals(OffsetDateTime.parse(end + "T00:00:00Z"), period.end());
  }
}
