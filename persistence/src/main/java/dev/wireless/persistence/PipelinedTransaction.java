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
 * failed {@code BEGIN}) rolls back, and the connection goes back to the pool either way.
 */
public final class PipelinedTransaction {

  private PipelinedTransaction() {
  }

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.getConnection().compose(conn -> {
      Future<Transaction> begun = conn.begin();
      Transaction tx = conn.transaction();
      Future<T> done = apply(work, conn);
      return Future.all(begun, done)
          .compose(all -> tx.commit().map(v -> done.result()),
              failure -> tx.rollback().transform(ignored -> Future.<T>failedFuture(failure)))
          .onComplete(ar -> conn.close());
    });
  }

  private static <T> Future<T> apply(Function<SqlConnection, Future<T>> work, SqlConnection conn) {
    try {
      return work.apply(conn);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
