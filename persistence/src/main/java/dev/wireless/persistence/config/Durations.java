package dev.wireless.persistence.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of durations in settings: a non-negative whole number and a unit, {@code ms},
 * {@code s}, {@code m} (minutes), {@code h} or {@code d}, e.g. {@code 500ms}, {@code 30s},
 * {@code 15m}, {@code 1h}, {@code 1d}. Short enough for an environment variable, and without
 * ISO-8601's {@code PT} that operators would have to look up.
 */
public final class Durations {

  private static final Pattern TOKEN = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {
  }

  /**
   * Parses one duration (surrounding whitespace ignored).
   *
   * @throws IllegalArgumentException quoting the text, when it is not a duration or too large
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    Matcher m = TOKEN.matcher(trimmed);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid duration '" + trimmed
          + "': expected a whole number followed by ms, s, m, h or d, e.g. 30s");
    }
    try {
      return Duration.of(Long.parseLong(m.group(1)), unit(m.group(2)));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("invalid duration '" + trimmed + "': too large", e);
    }
  }

  private static ChronoUnit unit(String suffix) {
    return switch (suffix) {
      case "ms" -> ChronoUnit.MILLIS;
      case "s" -> ChronoUnit.SECONDS;
      case "m" -> ChronoUnit.MINUTES;
      case "h" -> ChronoUnit.HOURS;
      default -> ChronoUnit.DAYS;
    };
  }
}
