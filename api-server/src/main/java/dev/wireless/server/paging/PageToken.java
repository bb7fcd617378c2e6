package dev.wireless.server.paging;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code PageToken}: a keyset position (the internal id of the row just before or just
 * after the page) and a direction. Clients treat it as opaque; only tokens of this exact shape are
 * accepted, anything else is 33103.
 */
public record PageToken(Direction direction, long boundary) {

  /** {@code AFTER}: rows with a larger id (next page); {@code BEFORE}: smaller (previous page). */
  public enum Direction { AFTER, BEFORE }

  private static final String PREFIX = "PT";

  public static PageToken after(long id) {
    return new PageToken(Direction.AFTER, id);
  }

  public static PageToken before(long id) {
    return new PageToken(Direction.BEFORE, id);
  }

  public String encode() {
    String plain = (direction == Direction.AFTER ? "a" : "b") + ":" + boundary;
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
  }

  /** Parses a token this class issued; 33103 for anything else. */
  public static PageToken decode(String token) {
    try {
      if (!token.startsWith(PREFIX)) {
        throw new IllegalArgumentException("prefix");
      }
      String plain = new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.US_ASCII);
      int colon = plain.indexOf(':');
      String kind = plain.substring(0, colon);
      long id = Long.parseLong(plain.substring(colon + 1));
      if (id < 0 || !(kind.equals("a") || kind.equals("b"))) {
        throw new IllegalArgumentException("shape");
      }
      return new PageToken(kind.equals("a") ? Direction.AFTER : Direction.BEFORE, id);
    } catch (RuntimeException e) {
      throw ApiException.of(ErrorCode.INVALID_PAGING, "PageToken is not a token this API issued");
    }
  }
}
