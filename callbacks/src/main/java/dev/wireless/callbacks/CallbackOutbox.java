package dev.wireless.callbacks;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.delivery.FormBody;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.Objects;
import java.util.UUID;

/**
 * Where producers put callbacks: a row in {@code callback_deliveries}, written on the caller's
 * own transaction.
 *
 * <p>Ordering contract: call {@link #enqueue} with the connection of the transaction that makes
 * the state change the callback reports ({@code pool.withTransaction(tx -> ... enqueue(tx, ...))}).
 * Then the callback exists if and only if that change commits; a rollback takes both away, and a
 * crash after the commit loses neither. The insert also NOTIFYs the dispatchers, which Postgres
 * delivers only at commit, so no dispatcher can see the row before it is visible.
 *
 * <p>The form body is rendered here, once; every attempt sends exactly these bytes.
 */
public final class CallbackOutbox {

    private final int maxAttempts;

    /** @param schedule the retry schedule in force; its length is each new delivery's attempt budget */
    public CallbackOutbox(RetrySchedule schedule) {
        this.maxAttempts = Objects.requireNonNull(schedule, "schedule").maxAttempts();
    }

    /**
     * Adds the callback to the outbox within {@code transaction}.
     *
     * @return the delivery's idempotency token, sent as {@code kore-idempotency-token} on every attempt
     */
    public Future<String> enqueue(SqlClient transaction, CallbackRequest request) {
        String token = UUID.randomUUID().toString();
        return SqlExecutor.execute(transaction, SQL.insertInto(CALLBACK_DELIVERIES)
                        .set(CALLBACK_DELIVERIES.IDEMPOTENCY_TOKEN, token)
                        .set(CALLBACK_DELIVERIES.ACCOUNT_SID, request.accountSid())
                        .set(CALLBACK_DELIVERIES.RESOURCE_SID, request.resourceSid())
                        .set(CALLBACK_DELIVERIES.KIND, request.kind())
                        .set(CALLBACK_DELIVERIES.URL, request.url())
                        .set(CALLBACK_DELIVERIES.METHOD, request.method())
                        .set(CALLBACK_DELIVERIES.BODY, FormBody.encode(request.parameters()))
                        .set(CALLBACK_DELIVERIES.MAX_ATTEMPTS, maxAttempts))
                .map(rows -> token);
    }
}
