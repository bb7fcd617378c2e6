package dev.wireless.persistence;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.function.Function;

/**
 * A request's transaction held open after its work succeeded, so that one more statement (the
 * reply remembered under the request's idempotency key) commits atomically with it. When the
 * connection is lost during that COMMIT, the work and the remembered reply either both exist or
 * both do not, and a retry with the same key finds the original reply if and only if the work
 * was done.
 *
 * <p>Installed on the request's (duplicated) Vert.x context before the operation runs; the first
 * {@link PipelinedTransaction} of that request claims it and, instead of committing, returns its
 * result and leaves the commit to {@link #commit}. An operation that uses no such transaction
 * never claims it and behaves as before ({@link #held()} stays false).
 */
public final class DeferredCommit {

  private static final Object KEY = DeferredCommit.class;

  private boolean claimed;
  private SqlConnection connection;
  private Transaction transaction;

  private DeferredCommit() {
  }

  /** Installs a deferral on the current request context; null when not on a request context. */
  public static DeferredCommit install() {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal) || !internal.isDuplicate()) {
      return null;
    }
    DeferredCommit deferred = new DeferredCommit();
    internal.putLocal(KEY, deferred);
    return deferred;
  }

  /** The current context's unclaimed deferral, now claimed; null if there is none. */
  static DeferredCommit claim() {
    Context context = Vertx.currentContext();
    if (!(context instanceof ContextInternal internal) || !internal.isDuplicate()) {
      return null;
    }
    DeferredCommit deferred = internal.getLocal(KEY);
    if (deferred == null || deferred.claimed) {
      return null;
    }
    deferred.claimed = true;
    return deferred;
  }

  void hold(SqlConnection connection, Transaction transaction) {
    this.connection = connection;
    this.transaction = transaction;
  }

  /** Whether a transaction is waiting for {@link #commit} or {@link #rollback}. */
  public boolean held() {
    return connection != null;
  }

  /**
   * Runs {@code last} on the held transaction, then commits; a connection lost during the commit
   * fails with {@link DatabaseErrors.CommitOutcomeUnknownException}.
   */
  public <T> Future<T> commit(Function<SqlConnection, Future<T>> last) {
    SqlConnection conn = connection;
    Transaction tx = transaction;
    connection = null;
    Future<T> done;
    try {
      done = last.apply(conn);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.compose(result -> PipelinedTransaction.commit(tx).map(result),
            failure -> tx.rollback().transform(ignored -> Future.<T>failedFuture(failure)))
        .onComplete(ar -> conn.close());
  }

  /** Rolls the held transaction back (the reply could not be made). */
  public Future<Void> rollback() {
    SqlConnection conn = connection;
    connection = null;
    return conn == null ? Future.succeededFuture()
        : transaction.rollback().eventually(conn::close).recover(e -> Future.succeededFuture());
  }
}
