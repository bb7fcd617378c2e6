package dev.wireless.callbacks.alerts;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Redelivery of a failed callback from its Debugger alert: the delivery starts a new attempt
 * series (a full attempt budget, due now) and keeps its idempotency token and body, so a receiver
 * that did get an earlier attempt can recognise the repeat. The earlier attempts stay in the history
 * under their series number.
 */
public final class AlertRedelivery {

    private final Pool pool;
    private final int maxAttempts;

    /** @param schedule the retry schedule in force; its length is the new series' attempt budget */
    public AlertRedelivery(Pool pool, RetrySchedule schedule) {
        this.pool = pool;
        this.maxAttempts = schedule.maxAttempts();
    }

    /**
     * Puts the delivery behind the account's alert {@code alertSid} back in the outbox if it has
     * failed. Empty when the account has no such alert or the alert is not about a callback.
     */
    public Future<Optional<Redelivery>> redeliver(String accountSid, String alertSid) {
        return pool.withTransaction(tx -> new AlertRepository(tx).find(accountSid, alertSid)
                .compose(alert -> alert.isEmpty() || alert.get().deliveryId() == null
                        ? Future.succeededFuture(Optional.<Redelivery>empty())
                        : restart(tx, accountSid, alert.get().deliveryId())));
    }

    private Future<Optional<Redelivery>> restart(SqlClient tx, String accountSid, long deliveryId) {
        var d = CALLBACK_DELIVERIES;
        return SqlExecutor.execute(tx, SQL.update(d)
                        .set(d.STATE, "pending")
                        .set(d.SERIES, d.SERIES.plus(1))
                        .set(d.ATTEMPT_COUNT, 0)
                        .set(d.MAX_ATTEMPTS, maxAttempts)
                        .set(d.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                        .set(d.DELIVERED_AT, (OffsetDateTime) null)
                        .set(d.LAST_ERROR, (String) null)
                        .where(d.ID.eq(deliveryId))
                        .and(d.ACCOUNT_SID.eq(accountSid))
                        .and(d.STATE.eq("failed"))
                        .returning(d.IDEMPOTENCY_TOKEN, d.STATE))
                .compose(updated -> updated.size() == 1
                        ? Future.succeededFuture(Optional.of(new Redelivery(deliveryId,
                                updated.iterator().next().getString(0), true, "pending")))
                        : SqlExecutor.execute(tx, SQL.select(d.IDEMPOTENCY_TOKEN, d.STATE).from(d)
                                        .where(d.ID.eq(deliveryId)).and(d.ACCOUNT_SID.eq(accountSid)))
                                .map(rows -> rows.size() == 0 ? Optional.<Redelivery>empty()
                                        : Optional.of(new Redelivery(deliveryId, rows.iterator().next().getString(0),
                                                false, rows.iterator().next().getString(1)))));
    }

    /**
     * @param started false when the delivery was not failed (it is already pending, running or
     *                delivered again) and nothing changed
     * @param state   the delivery's state after the call
     */
    public record Redelivery(long deliveryId, String idempotencyToken, boolean started, String state) {
    }
}
