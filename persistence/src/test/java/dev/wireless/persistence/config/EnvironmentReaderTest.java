package dev.wireless.persistence.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {

  private static final EnvironmentReader EMPTY = new EnvironmentReader(Map.of("BLANK", "  "));

  @Test
  void unsetAndBlankMeanTheDefault() {
    assertEquals("x", EMPTY.text("UNSET", "x"));
    assertEquals("x", EMPTY.text("BLANK", "x"));
    assertFalse(EMPTY.isSet("BLANK"));
    assertEquals(7, EMPTY.integer("BLANK", 7, 0, 10));
    assertEquals(0.5, EMPTY.fraction("UNSET", 0.5));
    assertTrue(EMPTY.bool("UNSET", true));
    assertEquals(Duration.ofSeconds(3), EMPTY.duration("UNSET", Duration.ofSeconds(3)));
    assertEquals(List.of(), EMPTY.list("UNSET"));
    assertEquals("d", EMPTY.parsed("UNSET", v -> v + "!", "d"));
  }

  @Test
  void valuesAreTrimmedAndTyped() {
    EnvironmentReader env = new EnvironmentReader(Map.of("T", " a b ", "I", " 42", "F", "0.25", "B1", "TRUE",
        "B0", "0", "D", " 15m ", "L", " a, b ,,c, ", "P", " 5 "));
    assertEquals("a b", env.text("T", null));
    assertTrue(env.isSet("T"));
    assertEquals(42, env.integer("I", 0, 0, 42));
    assertEquals(0.25, env.fraction("F", 0));
    assertTrue(env.bool("B1", false));
    assertFalse(env.bool("B0", true));
    assertEquals(Duration.ofMinutes(15), env.duration("D", null));
    assertEquals(List.of("a", "b", "c"), env.list("L"));
    assertEquals(5, env.parsed("P", Integer::parseInt, 0));
  }

  @Test
  void everyRefusalNamesTheVariableAndQuotesTheValue() {
    EnvironmentReader env = new EnvironmentReader(Map.of("I_TEXT", "ten", "I_HIGH", "11", "I_LOW", "-1",
        "F_HIGH", "1.5", "F_TEXT", "half", "B", "yes", "D", "soon", "P", "x"));
    assertRefused("I_TEXT must be a whole number (got 'ten')", () -> env.integer("I_TEXT", 0, 0, 10));
    assertRefused("I_HIGH must be between 0 and 10 (got 11)", () -> env.integer("I_HIGH", 0, 0, 10));
    assertRefused("I_LOW must be between 0 and 10 (got -1)", () -> env.integer("I_LOW", 0, 0, 10));
    assertRefused("F_HIGH must be between 0 and 1 (got 1.5)", () -> env.fraction("F_HIGH", 0));
    assertRefused("F_TEXT must be a number between 0 and 1 (got 'half')", () -> env.fraction("F_TEXT", 0));
    assertRefused("B must be true or false (got 'yes')", () -> env.bool("B", false));
    assertRefused("D must be a duration such as 30s, 5m or 1h (got 'soon')", () -> env.duration("D", null));
    IllegalArgumentException custom = assertThrows(IllegalArgumentException.class, () -> env.parsed("P", v -> {
      throw new IllegalArgumentException("no x allowed");
    }, null));
    assertEquals("P is invalid (got 'x'): no x allowed", custom.getMessage());
  }

  private static void assertRefused(String message, Runnable read) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, read::run).getMessage());
  }
}
