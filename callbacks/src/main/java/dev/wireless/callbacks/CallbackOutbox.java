package dev.wireless.callbacks;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.delivery.FormBody;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jooq.tables.CallbackDeliveries;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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
    private static final String[] COLUMNS = {"token", "account_sid", "resource_sid", "kind", "url", "method", "body"};
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
        String[][] columns = new String[COLUMNS.length][n];
        for (int i = 0; i < n; i++) {
            CallbackRequest r = requests.get(i);
            columns[0][i] = UUID.randomUUID().toString();
            columns[1][i] = r.accountSid();
            columns[2][i] = r.resourceSid();
            columns[3][i] = r.kind();
            columns[4][i] = r.url();
            columns[5][i] = r.method();
            columns[6][i] = FormBody.encode(r.parameters());
        }
        // the attempt budget comes first: it is in the select list, before the arrays it selects from
        return INSERT_MANY.execute(transaction, maxAttempts, columns[0], columns[1], columns[2], columns[3],
                columns[4], columns[5], columns[6]).map(rows -> List.of(columns[0]));
    }

    private static Template insertMany() {
        Field<?>[] arrays = new Field<?>[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            arrays[i] = DSL.param(SQLDataType.VARCHAR.array());
        }
        return Template.of(SQL.insertInto(D, D.IDEMPOTENCY_TOKEN, D.ACCOUNT_SID, D.RESOURCE_SID, D.KIND, D.URL,
                        D.METHOD, D.BODY, D.MAX_ATTEMPTS)
                .select(DSL.select(input(0), input(1), input(2), input(3), input(4), input(5), input(6),
                                param(D.MAX_ATTEMPTS))
                        .from(DSL.table("unnest({0}, {1}, {2}, {3}, {4}, {5}, {6})", (Object[]) arrays)
                                .as("input", COLUMNS))));
    }

    private static Field<String> input(int column) {
        return DSL.field(DSL.name("input", COLUMNS[column]), String.class);
    }

    private static <T> Field<T> param(Field<T> column) {
        return DSL.cast(DSL.param(column.getDataType()), column.getDataType());
    }
}
