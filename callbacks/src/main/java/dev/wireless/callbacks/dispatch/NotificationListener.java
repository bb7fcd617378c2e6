package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.SqlExecutor.SQL;

import dev.wireless.persistence.SqlExecutor;
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
 * Keeps one connection of the pool LISTENing on {@value #CHANNEL}, so a committed callback wakes
 * the dispatcher within milliseconds instead of at the next poll. It is an optimisation only:
 * while the connection is down the dispatcher polls, and every (re)connection wakes it once to
 * catch anything committed while nobody listened.
 */
final class NotificationListener {

    static final String CHANNEL = "callback_deliveries";
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Runnable onNotification;
    private SqlConnection connection;
    private long reconnectTimer = -1;
    private boolean stopped;

    NotificationListener(Vertx vertx, Pool pool, Runnable onNotification) {
        this.vertx = vertx;
        this.pool = pool;
        this.onNotification = onNotification;
    }

    /** Starts listening; never fails (a failure is logged and retried while polling goes on). */
    Future<Void> start() {
        return connect().recover(failure -> {
            LOG.warn("cannot LISTEN on {} ({}); polling until it works", CHANNEL, failure.toString());
            scheduleReconnect();
            return Future.succeededFuture();
        });
    }

    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(reconnectTimer);
        SqlConnection open = connection;
        connection = null;
        if (open == null) {
            return Future.succeededFuture();
        }
        // the connection goes back to the pool, so it must not stay subscribed
        return SqlExecutor.execute(open, SQL.query("unlisten {0}", DSL.name(CHANNEL)))
                .transform(ar -> open.close());
    }

    private Future<Void> connect() {
        return pool.getConnection().compose(conn -> {
            if (stopped) {
                return conn.close();
            }
            PgConnection pg = PgConnection.cast(conn);
            pg.notificationHandler(notification -> {
                if (CHANNEL.equals(notification.getChannel())) {
                    onNotification.run();
                }
            });
            pg.closeHandler(v -> connectionLost(conn));
            connection = conn;
            return SqlExecutor.execute(conn, SQL.query("listen {0}", DSL.name(CHANNEL)))
                    .<Void>mapEmpty()
                    .onSuccess(v -> onNotification.run())
                    .onFailure(e -> conn.close());
        });
    }

    private void connectionLost(SqlConnection conn) {
        if (connection != conn || stopped) {
            return;
        }
        connection = null;
        LOG.warn("the LISTEN connection for {} closed; polling until it is back", CHANNEL);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (stopped) {
            return;
        }
        reconnectTimer = vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> connect().onFailure(e -> {
            LOG.warn("cannot LISTEN on {} yet ({})", CHANNEL, e.toString());
            scheduleReconnect();
        }));
    }
}
