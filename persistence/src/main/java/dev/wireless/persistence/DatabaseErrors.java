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
        case "57P01", "57P02", "57P03", "53300":
          return new DatabaseUnavailableException(pg.getMessage(), pg);
        default:
          return pg;
      }
    }
    if (failure instanceof ConnectException || isConnectionClosed(failure)) {
      return new DatabaseUnavailableException(failure.getMessage(), failure);
    }
    return failure;
  }

  private static boolean isConnectionClosed(Throwable failure) {
    return failure instanceof VertxException && failure.getMessage() != null
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
  public static final class DatabaseUnavailableException extends RuntimeException {
    DatabaseUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
