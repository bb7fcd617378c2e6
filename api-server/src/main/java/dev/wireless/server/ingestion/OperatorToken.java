package dev.wireless.server.ingestion;

import dev.wireless.callbacks.signing.SecretFiles;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The operator's Bearer token, the {@code operatorToken} scheme of operator.yaml (network feed,
 * device simulator): WIRELESS_OPERATOR_TOKEN, or one generated once into
 * {@code <data dir>/secrets/operator.token}. Compared in constant time. The router authenticates
 * operator operations with it; it acts for no account.
 */
public final class OperatorToken implements Authenticator {

  private static final String OPERATOR = "operator";

  private final byte[] token;
  private final boolean generated;

  private OperatorToken(String token, boolean generated) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.generated = generated;
  }

  public static OperatorToken resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return new OperatorToken(configured.trim(), false);
    }
    Path file = dataDir.resolve("secrets").resolve("operator.token");
    try {
      if (Files.exists(file)) {
        return new OperatorToken(Files.readString(file).trim(), false);
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String value = "op_" + HexFormat.of().formatHex(random);
      SecretFiles.writeOwnerOnly(file, value + "\n");
      return new OperatorToken(value, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  /** Whether this token was just created (the server prints it once). */
  public boolean generated() {
    return generated;
  }

  /** Succeeds (with no account) when the request carries the operator token; else 401, 20003. */
  @Override
  public Future<String> authenticate(HttpServerRequest request) {
    return matches(request.getHeader("Authorization")) ? Future.succeededFuture(OPERATOR)
        : Future.failedFuture(ApiException.of(ErrorCode.UNAUTHENTICATED, "An operator Bearer token is required"));
  }

  private boolean matches(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
  }
}
