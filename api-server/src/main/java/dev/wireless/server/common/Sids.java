package dev.wireless.server.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Resource identifiers: a two-letter type prefix and 32 lowercase hex digits, as upstream. */
public final class Sids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private Sids() {
  }

  /** A new random SID with {@code prefix} (e.g. "WP"). */
  public static String newSid(String prefix) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return prefix + HEX.formatHex(bytes);
  }

  /** Whether {@code value} has the shape of a SID with {@code prefix} (either hex case). */
  public static boolean looksLike(String prefix, String value) {
    return value != null && pattern(prefix).matcher(value).matches();
  }

  /** Compiled once per prefix: this check runs on every request that names a resource. */
  private static final java.util.concurrent.ConcurrentMap<String, Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Pattern pattern(String prefix) {
    return PATTERNS.computeIfAbsent(prefix, p -> Pattern.compile("^" + Pattern.quote(p) + "[0-9a-fA-F]{32}$"));
  }
}
