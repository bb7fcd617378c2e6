package dev.wireless.persistence.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Typed reads of environment variables, the one place settings are parsed: every settings class of
 * the platform and of the standalone callback dispatcher reads through it, so a value means the same
 * everywhere and every refusal names its variable. It lives in the lowest module so that every
 * module may use it.
 *
 * <p>An unset or blank variable means the default; values are trimmed. Everything is read once at
 * start, and an invalid value fails the start with an {@link IllegalArgumentException} whose message
 * begins with the variable's name.
 */
public final class EnvironmentReader {

  private final Map<String, String> env;

  public EnvironmentReader(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The process's environment. */
  public static EnvironmentReader system() {
    return new EnvironmentReader(System.getenv());
  }

  /** The trimmed value, or {@code fallback} when unset or blank. */
  public String text(String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  /** Whether the variable has a (non-blank) value. */
  public boolean isSet(String name) {
    return text(name, null) != null;
  }

  /** A whole number from {@code min} to {@code max}. */
  public int integer(String name, int fallback, int min, int max) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number (got '" + value + "')");
    }
    if (parsed < min || parsed > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + " (got " + value + ")");
    }
    return parsed;
  }

  /** A number from 0 to 1 (a rate or probability). */
  public double fraction(String name, double fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number between 0 and 1 (got '" + value + "')");
    }
    if (!(parsed >= 0 && parsed <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1 (got " + value + ")");
    }
    return parsed;
  }

  /** {@code true}/{@code 1} or {@code false}/{@code 0} (either case). */
  public boolean bool(String name, boolean fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equals("1")) {
      return true;
    }
    if (value.equalsIgnoreCase("false") || value.equals("0")) {
      return false;
    }
    throw new IllegalArgumentException(name + " must be true or false (got '" + value + "')");
  }

  /** A duration in the syntax of {@link Durations}: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 1d}. */
  public Duration duration(String name, Duration fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " must be a duration such as 30s, 5m or 1h (got '" + value + "')");
    }
  }

  /** A comma list, each entry trimmed, blank entries skipped; empty when unset. */
  public List<String> list(String name) {
    String value = text(name, null);
    if (value == null) {
      return List.of();
    }
    List<String> entries = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank()) {
        entries.add(entry.trim());
      }
    }
    return List.copyOf(entries);
  }

  /**
   * A value with its own syntax (a retry schedule, an allow-list, a price table) read by {@code parse};
   * its refusal is reported with the variable's name and value in front of the parser's reason.
   */
  public <T> T parsed(String name, Function<String, T> parse, T fallback) {
    String value = text(name, null);
    if (value == null) {
      return fallback;
    }
    try {
      return parse.apply(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name + " is invalid (got '" + value + "'): " + e.getMessage(), e);
    }
  }
}
