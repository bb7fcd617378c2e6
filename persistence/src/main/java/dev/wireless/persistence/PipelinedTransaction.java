package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * {@code Pool.withTransaction} without the wait for {@code BEGIN}: the work's first statements go
 * out right behind it on the same connection, so a transaction costs one round trip less. Work
 * may also send several statements before awaiting any (the connection pipelines them; Postgres
 * still runs them one after the other, each with its own snapshot in READ COMMITTED).
 *
 * <p>Same contract as {@code withTransaction}: the work's success commits, its failure (or a
 * failed {@code BEGIN}) rolls back, and the connection goes back to the pool either way. Two
 * additions: a connection lost during COMMIT fails with
 * {@link DatabaseErrors.CommitOutcomeUnknownException} (the outcome is unknown, not a failure),
 * and on a request with a {@link DeferredCommit} installed the commit is left to it.
 */
public final class PipelinedTransaction {

  private PipelinedTransaction() {
  }

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
    DeferredCommit deferred = DeferredCommit.claim();
    return pool.getConnection().compose(conn -> {
      Future<Transaction> begun = conn.begin();
      Transaction tx = conn.transaction();
      Future<T> done = apply(work, conn);
      Future<T> outcome = Future.all(begun, done).transform(all -> {
        if (all.failed()) {
          return tx.rollback().transform(ignored -> Future.<T>failedFuture(all.cause()));
        }
        if (deferred != null) {
          deferred.hold(conn, tx);
          return Future.succeededFuture(done.result());
        }
        return commit(tx).map(v -> done.result());
      });
      return outcome.onComplete(ar -> {
        if (deferred == null || !deferred.held()) {
          conn.close();
        }
      });
    });
  }

  /** Commits {@code tx}; a lost connection means the outcome is unknown. */
  static Future<Void> commit(Transaction tx) {
    return tx.commit().recover(failure -> Future.failedFuture(DatabaseErrors.isConnectionLost(failure)
        ? new DatabaseErrors.CommitOutcomeUnknownException(failure) : DatabaseErrors.classify(failure)));
  }

  private static <T> Future<T> apply(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
    try {
      return work.apply(conn);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
