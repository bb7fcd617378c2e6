package dev.wireless.server.idempotency;

import dev.wireless.server.http.ApiException;
import dev.wireless.server.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST, so a client can retry a create or a status change after a
 * timeout without doing it twice: the same key with the same request within the TTL returns the
 * original reply without running the operation again; the same key with a different request is
 * refused with 422; a key whose first request is still running answers 409. Failed requests
 * release their key, so a retry runs for real.
 */
public final class IdempotentRequests {

  /** A reply to send: fresh or replayed. */
  public record StoredReply(int status, Buffer body, boolean replayed) {
  }

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private final IdempotencyRepository keys;
  private final Duration ttl;

  public IdempotentRequests(SqlClient db, Duration ttl) {
    this.keys = new IdempotencyRepository(db);
    this.ttl = ttl;
  }

  /**
   * Runs {@code operation} once per key and request; {@code operation} yields the status and the
   * encoded body it answered with.
   */
  public Future<StoredReply> run(String accountSid, String key, String method, String path, Buffer body,
                                 Supplier<Future<StoredReply>> operation) {
    if (!KEY.matcher(key).matches()) {
      return Future.failedFuture(ApiException.invalid("Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }
    byte[] hash = hash(method, path, body);
    return keys.reserve(accountSid, key, hash, ttl).compose(reserved -> reserved
        ? runAndRemember(accountSid, key, operation)
        : keys.find(accountSid, key).map(found -> {
          IdempotencyRepository.StoredKey stored = found.orElseThrow(() -> ApiException.of(ErrorCode.CONFLICT,
              "A request with this Idempotency-Key is being processed; retry shortly"));
          if (!MessageDigest.isEqual(stored.requestHash(), hash)) {
            throw ApiException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was already used with a different request");
          }
          if (stored.responseStatus() == null) {
            throw ApiException.of(ErrorCode.CONFLICT,
                "A request with this Idempotency-Key is being processed; retry shortly");
          }
          return new StoredReply(stored.responseStatus(),
              stored.responseBody() == null ? null : Buffer.buffer(stored.responseBody()), true);
        }));
  }

  private Future<StoredReply> runAndRemember(String accountSid, String key, Supplier<Future<StoredReply>> operation) {
    Future<StoredReply> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.compose(
        reply -> keys.complete(accountSid, key, reply.status(),
            reply.body() == null ? null : reply.body().toString()).map(reply),
        failure -> keys.release(accountSid, key).transform(v -> Future.failedFuture(failure)));
  }

  private static byte[] hash(String method, String path, Buffer body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        digest.update(body.getBytes());
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
