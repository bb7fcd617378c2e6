package dev.wireless.persistence;

import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;

/**
 * The upper bounds on every database call, so that a database that is gone, overloaded or behind
 * a partition makes a call fail within seconds instead of hanging: how long a connection may take
 * to open (and a request may wait for a pooled one), how long one statement may run on the server,
 * how long a session may sit idle inside a transaction. TCP keepalive is always on, so the
 * operating system eventually drops a socket whose peer vanished without a word.
 *
 * <p>The two server-side limits travel as start-up parameters of each connection; a connection
 * pooler that refuses unknown start-up parameters needs them listed in its ignore list and set on
 * the role instead ({@code ALTER ROLE … SET statement_timeout = …}).
 */
public record DatabaseTimeouts(Duration connect, Duration statement, Duration idleInTransaction) {

  /** 5 s to connect, 30 s per statement, 60 s idle in a transaction. */
  public static DatabaseTimeouts defaults() {
    return new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60));
  }

  /** {@code options} with the server-side limits as start-up parameters (a copy). */
  public PgConnectOptions applyTo(PgConnectOptions options) {
    PgConnectOptions copy = new PgConnectOptions(options);
    copy.addProperty("statement_timeout", Long.toString(statement.toMillis()));
    copy.addProperty("idle_in_transaction_session_timeout", Long.toString(idleInTransaction.toMillis()));
    return copy;
  }

  /** {@code options} with the connect timeout and TCP keepalive (the same object). */
  public NetClientOptions applyTo(NetClientOptions options) {
    return options.setConnectTimeout((int) connect.toMillis()).setTcpKeepAlive(true);
  }

  /** {@code options} with the wait for a pooled connection bounded by the connect timeout. */
  public PoolOptions applyTo(PoolOptions options) {
    return new PoolOptions(options).setConnectionTimeout((int) connect.toMillis())
        .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
