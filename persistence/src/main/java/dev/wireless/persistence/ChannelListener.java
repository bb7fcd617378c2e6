package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection of the pool LISTENing on a Postgres channel, reconnecting every second
 * while it cannot. Users learn when the channel starts listening (after every (re)connect: anything
 * committed while nobody listened was missed), every notification, and when the connection is lost
 * (from then on notifications may be missed until the next {@code listening}).
 */
public final class ChannelListener {

  /** What happens on the channel; called on the listener's Vert.x context. */
  public interface Events {

    void listening();

    void notified(String payload);

    default void lost() {
    }
  }

  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);

  private final Vertx vertx;
  private final Pool pool;
  private final String channel;
  private final Events events;
  private SqlConnection connection;
  private long reconnectTimer = -1;
  private boolean stopped;

  public ChannelListener(Vertx vertx, Pool pool, String channel, Events events) {
    this.vertx = vertx;
    this.pool = pool;
    this.channel = channel;
    this.events = events;
  }

  /** Starts listening; never fails (a failure is logged and retried). */
  public Future<Void> start() {
    return connect().recover(failure -> {
      LOG.warn("cannot LISTEN on {} ({}); retrying", channel, failure.toString());
      scheduleReconnect();
      return Future.succeededFuture();
    });
  }

  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(reconnectTimer);
    SqlConnection open = connection;
    connection = null;
    if (open == null) {
      return Future.succeededFuture();
    }
    // the connection goes back to the pool, so it must not stay subscribed
    return SqlExecutor.execute(open, SQL.query("unlisten {0}", DSL.name(channel))).transform(ar -> open.close());
  }

  private Future<Void> connect() {
    return pool.getConnection().compose(conn -> {
      if (stopped) {
        return conn.close();
      }
      PgConnection pg = PgConnection.cast(conn);
      pg.notificationHandler(notification -> {
        if (channel.equals(notification.getChannel())) {
          events.notified(notification.getPayload());
        }
      });
      pg.closeHandler(v -> connectionLost(conn));
      connection = conn;
      return SqlExecutor.execute(conn, SQL.query("listen {0}", DSL.name(channel)))
          .<Void>mapEmpty()
          .onSuccess(v -> events.listening())
          .onFailure(e -> conn.close());
    });
  }

  private void connectionLost(SqlConnection conn) {
    if (connection != conn || stopped) {
      return;
    }
    connection = null;
    LOG.warn("the LISTEN connection for {} closed; reconnecting", channel);
    events.lost();
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    if (stopped) {
      return;
    }
    reconnectTimer = vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect().onFailure(e -> {
      LOG.warn("cannot LISTEN on {} yet ({})", channel, e.toString());
      scheduleReconnect();
    }));
  }
}
