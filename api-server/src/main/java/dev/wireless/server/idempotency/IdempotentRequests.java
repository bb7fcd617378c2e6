package dev.wireless.server.idempotency;

import dev.wireless.persistence.DatabaseErrors.CommitOutcomeUnknownException;
import dev.wireless.persistence.DeferredCommit;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
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
 * release their key, so a retry runs for real. A request whose COMMIT had an unknown outcome
 * (503, 20504) keeps its key exactly when its work was committed.
 */
public final class IdempotentRequests {

  /** A reply to send: fresh or replayed. */
  public record StoredReply(int status, Buffer body, boolean replayed) {
  }

  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final int RELEASE_ATTEMPTS = 30;
  private static final long RELEASE_RETRY_MS = 1_000;

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

  /**
   * Runs the operation; its reply is stored in the operation's own transaction when it has one
   * ({@link DeferredCommit}), so a COMMIT whose outcome is unknown leaves either both or neither.
   * The key is then released only if the work did not commit (the release deletes a key still
   * {@code running}; a committed one is {@code done}), and a retry finds the stored reply or runs anew.
   */
  private Future<StoredReply> runAndRemember(String accountSid, String key, Supplier<Future<StoredReply>> operation) {
    DeferredCommit deferred = DeferredCommit.install();
    Future<StoredReply> result;
    try {
      result = operation.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    return result.transform(done -> {
      if (done.failed()) {
        return (deferred == null ? Future.<Void>succeededFuture() : deferred.rollback())
            .transform(v -> Future.<StoredReply>failedFuture(done.cause()));
      }
      StoredReply reply = done.result();
      String body = reply.body() == null ? null : reply.body().toString();
      if (deferred != null && deferred.held()) {
        return deferred.commit(tx -> new IdempotencyRepository(tx).complete(accountSid, key, reply.status(), body))
            .map(reply);
      }
      return keys.complete(accountSid, key, reply.status(), body).map(reply);
    }).recover(failure -> {
      if (failure instanceof CommitOutcomeUnknownException) {
        releaseWhenReachable(accountSid, key, RELEASE_ATTEMPTS);
        return Future.failedFuture(failure);
      }
      return keys.release(accountSid, key).transform(v -> Future.failedFuture(failure));
    });
  }

  /** Releases an uncommitted key, retrying while the database is still unreachable. */
  private void releaseWhenReachable(String accountSid, String key, int attemptsLeft) {
    keys.release(accountSid, key).onFailure(e -> {
      io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
      if (attemptsLeft > 1 && context != null) {
        context.owner().setTimer(RELEASE_RETRY_MS, id -> releaseWhenReachable(accountSid, key, attemptsLeft - 1));
      }
    });
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
