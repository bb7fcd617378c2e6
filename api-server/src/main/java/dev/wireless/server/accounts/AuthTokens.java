package dev.wireless.server.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Secrets and their stored form. Auth Tokens (32 hex digits, like upstream) and OAuth access
 * tokens (43 base64url characters) are random; only their SHA-256 digests are stored, and digests
 * are compared in constant time. A digest of a 128-bit random secret needs no salt or stretching.
 */
public final class AuthTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AuthTokens() {
  }

  public static String newAuthToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static String newAccessToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code token} has the shape of an Auth Token (as opposed to an access token). */
  public static boolean isAuthTokenShaped(String token) {
    return token.length() == 32 && token.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  public static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Constant-time comparison of a presented token against a stored digest (null never matches). */
  public static boolean matches(String token, byte[] storedDigest) {
    return storedDigest != null && MessageDigest.isEqual(digest(token), storedDigest);
  }
}
