package dev.wireless.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reading of event times gives exactly what {@link OffsetDateTime#parse} gives, or refuses what it refuses. */
class EventTimesTest {

  private static final List<String> SAMPLES = List.of(
      "2026-11-25T10:05:00Z", "2026-11-25T10:05:00+00:00", "2026-11-25T10:05:00-00:00", "2026-11-25T10:05:00.1Z",
      "2026-11-25T10:05:00.123456+05:30", "2026-11-25T10:05:00.123456789-09:45", "2026-11-25T10:05:00.1234567891Z",
      "2026-11-25T10:05:00.Z", "2026-11-25T10:05Z", "2026-11-25t10:05:00z", "2026-11-25T10:05:00+18:00",
      "2026-11-25T10:05:00+18:01", "2026-11-25T10:05:00+19:00", "2026-11-25T10:05:00+05:60", "2026-11-25T10:05:00+0530",
      "2026-11-25T10:05:00+05:30:15", "2026-11-25T10:05:00+05", "2026-02-29T10:05:00Z", "2028-02-29T10:05:00Z",
      "2026-02-30T10:05:00Z", "2026-13-01T10:05:00Z", "2026-00-01T10:05:00Z", "2026-11-00T10:05:00Z",
      "2026-11-25T24:00:00Z", "2026-11-25T23:60:00Z", "2026-11-25T23:59:60Z", "0000-01-01T00:00:00Z",
      "+2026-11-25T10:05:00Z", "2026-11-25 10:05:00Z", "2026-11-25T10:05:00", "2026-11-25T10:05:00ZZ",
      "2026-11-25T1a:05:00Z", "２０２６-11-25T10:05:00Z", "2026-11-25T10:05:00.12a4Z", "", "2026-11-25T10:05:00 Z");

  @Test
  void everySampleIsReadLikeTheGeneralParser() {
    for (String sample : SAMPLES) {
      assertSame(sample);
    }
  }

  @Test
  void randomVariationsOfTheUsualShapeAreReadLikeTheGeneralParser() {
    Random random = new Random(42);
    String alphabet = "0123456789:-+.TZ";
    int usual = 0;
    for (int i = 0; i < 200_000; i++) {
      char[] text = "2026-11-25T10:05:00.123456+05:30".toCharArray();
      int length = 20 + random.nextInt(text.length - 19);
      for (int changes = random.nextInt(3); changes > 0; changes--) {
        text[random.nextInt(length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String sample = new String(text, 0, length);
      if (random.nextBoolean()) {
        sample = sample.substring(0, Math.min(sample.length(), 19 + random.nextInt(3))) + "Z";
      }
      usual += EventTimes.usualShape(sample) != null ? 1 : 0;
      assertSame(sample);
    }
    assertEquals(true, usual > 10_000, "the fast path was taken " + usual + " times");
  }

  @Test
  void theUsualShapesAreReadWithoutTheGeneralParser() {
    List<String> usual = new ArrayList<>(List.of("2026-11-25T10:05:00Z", "2026-11-25T10:05:00.123456+00:00",
        "2026-11-25T10:05:00.5-03:00"));
    usual.forEach(s -> assertNotNull(EventTimes.usualShape(s), s));
  }

  private static void assertSame(String sample) {
    Object expected;
    try {
      expected = OffsetDateTime.parse(sample);
    } catch (DateTimeParseException e) {
      expected = "refused";
    }
    Object actual;
    try {
      actual = EventTimes.parse(sample);
    } catch (DateTimeParseException e) {
      actual = "refused";
    }
    assertEquals(expected, actual, sample);
  }
}
