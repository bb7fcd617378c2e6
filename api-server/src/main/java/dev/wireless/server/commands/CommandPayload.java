package dev.wireless.server.commands;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.util.Arrays;
import java.util.Base64;

/**
 * The size rules of a Command as pure functions. Text is counted in characters
 * (Unicode code points): at most 160, or 128 when the SID is added ({@code IncludeSid}), as the
 * documentation caps it. Binary is base64 of at most 140 bytes.
 */
final class CommandPayload {

  static final int TEXT_MAX = 160;
  static final int TEXT_WITH_SID_MAX = 128;
  static final int BINARY_MAX_BYTES = 140;

  private CommandPayload() {
  }

  /** Refuses a Command that breaks a size or encoding rule: 33111 too long, 33101 otherwise. */
  static void check(String command, String mode, String includeSid) {
    boolean withSid = !"none".equals(includeSid);
    if ("binary".equals(mode)) {
      if (withSid) {
        throw ApiException.invalid("IncludeSid can only be used with CommandMode text");
      }
      byte[] bytes = decoded(command);
      if (bytes == null) {
        throw ApiException.invalid("Command must be base64 in CommandMode binary");
      }
      if (bytes.length > BINARY_MAX_BYTES) {
        throw ApiException.of(ErrorCode.COMMAND_TOO_LONG,
            "A binary Command holds at most " + BINARY_MAX_BYTES + " bytes (got " + bytes.length + ")");
      }
      return;
    }
    int max = withSid ? TEXT_WITH_SID_MAX : TEXT_MAX;
    int length = length(command);
    if (length > max) {
      throw ApiException.of(ErrorCode.COMMAND_TOO_LONG, "A text Command holds at most " + max + " characters"
          + (withSid ? " when IncludeSid is used" : "") + " (got " + length + ")");
    }
  }

  /** What goes over the air: the SID and one space before ({@code start}) or after ({@code end}) the text. */
  static String overTheAir(String command, String includeSid, String sid) {
    return switch (includeSid) {
      case "start" -> sid + " " + command;
      case "end" -> command + " " + sid;
      default -> command;
    };
  }

  /** A mobile-originated text cut to 160 characters (it is delivered anyway, with alert 33111). */
  static String truncated(String text) {
    return length(text) <= TEXT_MAX ? text : text.substring(0, text.offsetByCodePoints(0, TEXT_MAX));
  }

  /**
   * A mobile-originated binary Command (base64) cut to 140 bytes, re-encoded; null when it is not
   * base64. Unchanged when it fits.
   */
  static String truncatedBinary(String base64) {
    byte[] bytes = decoded(base64);
    if (bytes == null || bytes.length <= BINARY_MAX_BYTES) {
      return bytes == null ? null : base64;
    }
    return Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, BINARY_MAX_BYTES));
  }

  /** The bytes of a base64 Command; null when it is not base64. */
  static byte[] decoded(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static int length(String text) {
    return text.codePointCount(0, text.length());
  }
}
