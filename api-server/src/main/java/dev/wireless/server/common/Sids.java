package dev.wireless.server.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

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

  /**
   * Whether {@code value} has the shape of a SID with {@code prefix} (either hex case). A plain
   * character scan: it runs on every request that names a resource.
   */
  public static boolean looksLike(String prefix, String value) {
    if (value == null || value.length() != prefix.length() + 32 || !value.startsWith(prefix)) {
      return false;
    }
    for (int i = prefix.length(); i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The stored spelling of a SID a client sent in either hex case: the prefix upper case, the hex
   * digits lower case, as {@link #newSid} makes them. Call it on values {@link #looksLike} accepted.
   */
  public static String normal(String sid) {
    return sid.substring(0, 2).toUpperCase(Locale.ROOT) + sid.substring(2).toLowerCase(Locale.ROOT);
  }
}
