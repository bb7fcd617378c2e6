package dev.wireless.callbacks;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ALERTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.persistence.PeriodicPurge;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.jobs.DatabaseClock;
import dev.wireless.persistence.jooq.tables.CallbackDeliveries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.Field;

/**
 * Keeps the outbox bounded: every purge interval, delivered callbacks older than the retention
 * (30 days by default, counted from delivery) are deleted together with their attempts, in
 * batches so no transaction holds many rows. Safe on several nodes at once.
 *
 * <p>What stays: pending and running deliveries (not done yet), failed ones, and any delivery a
 * Debugger alert points to (also one delivered by a later redelivery). Those are the alert's
 * evidence — its request, answers and attempts — and alerts are kept until their account goes, so
 * their deliveries are kept with them.
 */
public final class CallbackRetention {

    private static final CallbackDeliveries D = CALLBACK_DELIVERIES;
    private static final int BATCH = 1000;

    private final Pool pool;
    private final Duration retention;
    private final PeriodicPurge purge;

    public CallbackRetention(Vertx vertx, Pool pool, Duration retention, Duration interval) {
        this.pool = pool;
        this.retention = retention;
        this.purge = new PeriodicPurge(vertx, "callback", interval, BATCH, this::deleteUpTo);
    }

    public CallbackRetention start() {
        purge.start();
        return this;
    }

    public void stop() {
        purge.stop();
    }

    /** Deletes every delivered callback older than the retention that no alert refers to; returns how many. */
    public Future<Integer> purge() {
        return purge.purge();
    }

    private Future<Integer> deleteUpTo(int limit) {
        Field<OffsetDateTime> cutoff = DatabaseClock.minus(retention);
        var old = SQL.select(D.ID).from(D)
                .where(D.STATE.eq("delivered")).and(D.DELIVERED_AT.lt(cutoff))
                .andNotExists(SQL.selectOne().from(ALERTS).where(ALERTS.DELIVERY_ID.eq(D.ID)))
                .orderBy(D.DELIVERED_AT).limit(limit);
        return SqlExecutor.execute(pool, SQL.deleteFrom(D).where(D.ID.in(old))).map(RowSet::rowCount);
    }
}
