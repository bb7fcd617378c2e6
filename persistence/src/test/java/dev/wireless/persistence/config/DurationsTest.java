package dev.wireless.persistence.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void everyUnit() {
    assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
    assertEquals(Duration.ofSeconds(30), Durations.parse("30s"));
    assertEquals(Duration.ofMinutes(15), Durations.parse(" 15m\t"));
    assertEquals(Duration.ofHours(1), Durations.parse("1h"));
    assertEquals(Duration.ofDays(1), Durations.parse("1d"));
    assertEquals(Duration.ZERO, Durations.parse("0ms"));
  }

  @Test
  void refusalsQuoteTheText() {
    for (String bad : new String[] {"", "-1s", "5x", "1.5s", "5", "s", "2 h", "1M", "10sec", "PT1S"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Durations.parse(null));
    IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
        () -> Durations.parse("99999999999999999999d"));
    assertTrue(huge.getMessage().contains("99999999999999999999d") && huge.getMessage().contains("too large"),
        huge.getMessage());
  }
}
