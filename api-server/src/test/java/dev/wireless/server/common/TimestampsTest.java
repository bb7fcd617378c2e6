package dev.wireless.server.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Client date-times are read in every shape client libraries send, and nothing looser. */
class TimestampsTest {

  @Test
  void readsRfc3339OffsetsWithoutAColonAndNoOffsetAsUtc() {
    assertEquals("2026-12-02T00:00:00Z", read("2026-12-02T00:00:00"));
    assertEquals("2026-12-02T00:00:00Z", read("2026-12-02T00:00:00Z"));
    assertEquals("2026-12-02T00:00:00Z", read("2026-12-02t00:00:00z"));
    assertEquals("2026-12-02T00:00:00Z", read("2026-12-02T00:00:00+0000"));
    assertEquals("2026-12-02T00:00:00Z", read("2026-12-02T00:00:00-00:00"));
    assertEquals("2026-12-01T23:00:00Z", read("2026-12-02T00:00:00+01:00"));
    assertEquals("2026-12-01T23:00:00Z", read("2026-12-02T00:00:00+0100"));
    assertEquals("2026-12-02T03:30:00Z", read("2026-12-02T00:00:00-0330"));
    assertEquals("2026-12-02T03:30:00.123456789Z", read("2026-12-02T00:00:00.123456789-03:30"));
    assertEquals(OffsetDateTime.parse("2026-12-02T00:00:00-03:30"), Timestamps.parse("2026-12-02T00:00:00-0330"));
  }

  @Test
  void refusesEverythingElse() {
    for (String bad : new String[] {"2026-12-02", "2026-12-02T00:00Z", "2026-12-02T00:00:00ZZ", "2026-12-02T00:00:00+01",
        "2026-12-02T00:00:00+1", "2026-12-02T00:00:00+01:00Z", "2026-12-02T00:00:00+0100+0100", "2026-02-30T00:00:00Z",
        "2026-12-02T24:00:00Z", "2026-12-02T00:00:00+25:00", "2026-12-02 00:00:00Z", "", "yesterday"}) {
      assertThrows(DateTimeException.class, () -> Timestamps.parse(bad), bad);
    }
  }

  @Test
  void formatsWithSecondsInUtc() {
    assertEquals("2026-12-03T00:00:00Z", Timestamps.format(OffsetDateTime.parse("2026-12-03T00:00Z")));
    assertEquals("2026-12-02T23:00:00Z", Timestamps.format(OffsetDateTime.parse("2026-12-03T00:00+01:00")));
  }

  private static String read(String text) {
    return Timestamps.format(Timestamps.parse(text));
  }
}
