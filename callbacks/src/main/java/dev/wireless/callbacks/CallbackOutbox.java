package dev.wireless.callbacks;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.delivery.FormBody;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jooq.tables.CallbackDeliveries;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;

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
 * <p>The form body is rendered here, once; every attempt sends exactly these bytes. Both inserts
 * are rendered once; {@link #enqueueAll} writes any number of callbacks with one statement (and
 * one NOTIFY).
 */
public final class CallbackOutbox {

    private static final CallbackDeliveries D = CALLBACK_DELIVERIES;
    /** The rows of {@link #enqueueAll}, one array parameter per column. */
    private static final ArrayRows ROWS = ArrayRows.of("input", D.IDEMPOTENCY_TOKEN, D.ACCOUNT_SID, D.RESOURCE_SID,
            D.KIND, D.URL, D.METHOD, D.BODY);
    private static final Template INSERT_ONE = Template.of(SQL.insertInto(D, D.IDEMPOTENCY_TOKEN, D.ACCOUNT_SID,
            D.RESOURCE_SID, D.KIND, D.URL, D.METHOD, D.BODY, D.MAX_ATTEMPTS)
            .values(param(D.IDEMPOTENCY_TOKEN), param(D.ACCOUNT_SID), param(D.RESOURCE_SID), param(D.KIND),
                    param(D.URL), param(D.METHOD), param(D.BODY), param(D.MAX_ATTEMPTS)));
    private static final Template INSERT_MANY = insertMany();

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
        return INSERT_ONE.execute(transaction, token, request.accountSid(), request.resourceSid(), request.kind(),
                request.url(), request.method(), FormBody.encode(request.parameters()), maxAttempts)
                .map(rows -> token);
    }

    /**
     * Adds all {@code requests} to the outbox within {@code transaction}, with one statement; the
     * same contract as {@link #enqueue}.
     *
     * @return the idempotency tokens, in the order of {@code requests}
     */
    public Future<List<String>> enqueueAll(SqlClient transaction, List<CallbackRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        int n = requests.size();
        ArrayRows.Batch batch = ROWS.batch(n);
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            CallbackRequest r = requests.get(i);
            tokens[i] = UUID.randomUUID().toString();
            batch.row(i, tokens[i], r.accountSid(), r.resourceSid(), r.kind(), r.url(), r.method(),
                    FormBody.encode(r.parameters()));
        }
        // the attempt budget comes first: it is in the select list, before the arrays it selects from
        Object[] arrays = batch.values();
        Object[] values = new Object[arrays.length + 1];
        values[0] = maxAttempts;
        System.arraycopy(arrays, 0, values, 1, arrays.length);
        return INSERT_MANY.execute(transaction, values).map(rows -> List.of(tokens));
    }

    private static Template insertMany() {
        Field<?>[] rows = ROWS.fields();
        Field<?>[] select = Arrays.copyOf(rows, rows.length + 1);
        select[rows.length] = param(D.MAX_ATTEMPTS);
        List<Field<?>> columns = new ArrayList<>(ROWS.columns());
        columns.add(D.MAX_ATTEMPTS);
        return Template.of(SQL.insertInto(D).columns(columns).select(DSL.select(select).from(ROWS.table())));
    }

    private static <T> Field<T> param(Field<T> column) {
        return DSL.cast(DSL.param(column.getDataType()), column.getDataType());
    }
}
