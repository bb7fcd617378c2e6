package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;

/**
 * Translates driver failures into the few database outcomes the services decide on, so no
 * service ever inspects a SQL state: a duplicate key, a reference still in use, or the database
 * being unreachable. Anything else passes through unchanged (and becomes a 500 upstream).
 */
public final class DatabaseErrors {

  private DatabaseErrors() {
  }

  static <T> Future<T> translate(Throwable failure) {
    return Future.failedFuture(classify(failure));
  }

  /** The domain exception for {@code failure}, or {@code failure} itself. */
  public static Throwable classify(Throwable failure) {
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState() == null ? "" : pg.getSqlState();
      switch (state) {
        case "23505":
          return new DuplicateKeyException(pg.getConstraint(), pg);
        case "23503":
          return new ReferenceViolationException(pg.getConstraint(), pg);
        case "57P01", "57P02", "57P03", "53300", "57014", "08000", "08003", "08006":
          return new DatabaseUnavailableException(pg.getMessage(), pg);
        case "53100", "53200", "53400", "25006", "58030":
          // disk full, out of memory, a configured limit (temp_file_limit), read-only, I/O error
          WriteRefusals.record(state, pg.getMessage());
          return new DatabaseUnavailableException(pg.getMessage(), pg);
        default:
          return pg;
      }
    }
    if (failure instanceof ConnectException || failure instanceof java.io.IOException || isConnectionClosed(failure)
        || isTimeout(failure)) {
      return new DatabaseUnavailableException(failure.getMessage(), failure);
    }
    return failure;
  }

  /** A connect or a wait for a pooled connection that ran out of time. */
  private static boolean isTimeout(Throwable failure) {
    return failure instanceof java.util.concurrent.TimeoutException
        || failure instanceof io.netty.channel.ConnectTimeoutException
        || failure instanceof VertxException && failure.getMessage() != null
        && failure.getMessage().toLowerCase(java.util.Locale.ROOT).contains("timeout");
  }

  /** Whether {@code failure} means the connection was lost, so a COMMIT on it may or may not have happened. */
  public static boolean isConnectionLost(Throwable failure) {
    return failure instanceof DatabaseUnavailableException unavailable ? isConnectionLost(unavailable.getCause())
        : failure instanceof java.io.IOException || isConnectionClosed(failure)
        || failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("08");
  }

  private static boolean isConnectionClosed(Throwable failure) {
    return failure instanceof io.vertx.sqlclient.ClosedConnectionException
        || failure instanceof VertxException && failure.getMessage() != null
        && (failure.getMessage().contains("closed") || failure.getMessage().contains("Connection refused"));
  }

  /** A unique constraint was violated; {@link #constraint()} names which one. */
  public static final class DuplicateKeyException extends RuntimeException {
    private final String constraint;

    DuplicateKeyException(String constraint, Throwable cause) {
      super("duplicate key for " + constraint, cause);
      this.constraint = constraint;
    }

    public String constraint() {
      return constraint;
    }
  }

  /** A foreign key was violated: a referenced row is missing, or a referencing row still exists. */
  public static final class ReferenceViolationException extends RuntimeException {
    private final String constraint;

    ReferenceViolationException(String constraint, Throwable cause) {
      super("reference violated for " + constraint, cause);
      this.constraint = constraint;
    }

    public String constraint() {
      return constraint;
    }
  }

  /** The database cannot be reached or refuses work right now; callers answer 503. */
  public static class DatabaseUnavailableException extends RuntimeException {
    DatabaseUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The connection was lost while a COMMIT was on its way: the transaction may or may not have
   * committed, and only the database knows. Callers answer 503 with a code of its own, so that a
   * client retries with the same idempotency key instead of assuming either outcome.
   */
  public static final class CommitOutcomeUnknownException extends DatabaseUnavailableException {
    CommitOutcomeUnknownException(Throwable cause) {
      super("the connection was lost during COMMIT; the outcome is unknown", cause);
    }
  }
}
