package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jooq.tables.CallbackAttempts;
import dev.wireless.persistence.jooq.tables.CallbackDeliveries;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Records successful attempts (2xx, the common case) many at a time: one statement marks every
 * delivery of the batch {@code delivered} and inserts its attempt row, with the same guard as a
 * single completion ({@code running}, same series and attempt, held by this dispatcher; an attempt
 * that fails the guard is still recorded, marked late). While one batch is being written the next
 * fills up, so a quiet dispatcher writes each attempt at once and a busy one writes one statement
 * for many. Used from the dispatcher's own context only.
 */
final class DeliveredBatch {

    /** The most attempts one statement records. */
    static final int MAX = 500;

    private static final CallbackDeliveries D = CALLBACK_DELIVERIES;
    private static final CallbackAttempts A = CALLBACK_ATTEMPTS;
    /** The attempts of one batch, one array parameter per column of {@code callback_attempts}. */
    private static final ArrayRows ROWS = ArrayRows.of("input", A.DELIVERY_ID, A.SERIES, A.ATTEMPT_NUMBER,
            A.REQUEST_URL, A.STARTED_AT, A.DURATION_MS, A.HTTP_STATUS, A.RESPONSE_BODY);
    private static final Template RECORD = record();

    private record Done(DeliveryRow row, Attempt attempt, Promise<Boolean> recorded) {
    }

    private final SqlClient db;
    private final String owner;
    private final List<Done> waiting = new ArrayList<>();
    private Future<Void> writing;

    DeliveredBatch(SqlClient db, String owner) {
        this.db = db;
        this.owner = owner;
    }

    /** Queues a 2xx attempt; true once recorded while the claim was still current, false if late. */
    Future<Boolean> add(DeliveryRow row, Attempt attempt) {
        Promise<Boolean> recorded = Promise.promise();
        waiting.add(new Done(row, attempt, recorded));
        if (writing == null) {
            writeNext();
        }
        return recorded.future();
    }

    /** Completes once nothing is waiting or being written (for a graceful stop). */
    Future<Void> drained() {
        return writing == null ? Future.succeededFuture() : writing.transform(ar -> drained());
    }

    private void writeNext() {
        if (waiting.isEmpty()) {
            writing = null;
            return;
        }
        List<Done> batch = new ArrayList<>(waiting.subList(0, Math.min(MAX, waiting.size())));
        waiting.subList(0, batch.size()).clear();
        Promise<Void> written = Promise.promise();
        writing = written.future();
        write(batch).onComplete(result -> {
            for (Done done : batch) {
                if (result.succeeded()) {
                    done.recorded().complete(result.result().getOrDefault(done.row().id(), false));
                } else {
                    done.recorded().fail(result.cause());
                }
            }
            written.complete();
            writeNext();
        });
    }

    /** delivery id → whether its completion was current (not late). */
    private Future<Map<Long, Boolean>> write(List<Done> batch) {
        ArrayRows.Batch rows = ROWS.batch(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DeliveryRow row = batch.get(i).row();
            Attempt attempt = batch.get(i).attempt();
            rows.row(i, row.id(), row.series(), row.attemptNumber(), attempt.requestUrl(),
                    OffsetDateTime.ofInstant(attempt.startedAt(), ZoneOffset.UTC), attempt.durationMs(),
                    attempt.httpStatus(), CappedBody.truncate(attempt.responseBody()));
        }
        return RECORD.execute(db, rows.values(owner, owner, DeliveryRepository.LATE)).map(result -> {
            Map<Long, Boolean> current = new HashMap<>();
            result.forEach(r -> current.put(r.getLong(0), r.getString(1) == null));
            return current;
        });
    }

    /**
     * The input rows once, as the CTE {@code inputs} (the update and the insert both read them);
     * placeholders: the column arrays, the owner (guard), the owner (attempt's dispatcher), the late marker.
     */
    private static Template record() {
        Table<?> inputs = DSL.table(DSL.name("inputs"));
        var inputsCte = DSL.name("inputs").as(ROWS.select());
        Field<Long> id = input(A.DELIVERY_ID);
        Field<Integer> seriesIn = input(A.SERIES);
        Field<Integer> attemptIn = input(A.ATTEMPT_NUMBER);
        var changed = DSL.name("changed").as(SQL.update(D)
                .set(D.STATE, DSL.inline(DeliveryRepository.DELIVERED))
                .set(D.DELIVERED_AT, DSL.currentOffsetDateTime())
                .set(D.LEASE_OWNER, DSL.inline((String) null))
                .set(D.LEASE_EXPIRES_AT, DSL.inline((OffsetDateTime) null))
                .set(D.LAST_ERROR, DSL.inline((String) null))
                .from(inputs)
                .where(D.ID.eq(id)).and(D.STATE.eq(DSL.inline(DeliveryRepository.RUNNING)))
                .and(D.SERIES.eq(seriesIn)).and(D.ATTEMPT_COUNT.eq(attemptIn))
                .and(D.LEASE_OWNER.eq(DSL.param(D.LEASE_OWNER.getDataType())))
                .returningResult(D.ID));
        Field<Long> changedId = DSL.field(DSL.name("changed", D.ID.getName()), Long.class);
        return Template.of(SQL.with(inputsCte).with(changed)
                .insertInto(A, A.DELIVERY_ID, A.SERIES, A.ATTEMPT_NUMBER, A.DISPATCHER, A.REQUEST_URL, A.STARTED_AT,
                        A.DURATION_MS, A.HTTP_STATUS, A.RESPONSE_BODY, A.ERROR)
                .select(DSL.select(id, seriesIn, attemptIn, cast(A.DISPATCHER), input(A.REQUEST_URL),
                                input(A.STARTED_AT), input(A.DURATION_MS), input(A.HTTP_STATUS),
                                input(A.RESPONSE_BODY),
                                DSL.when(id.in(DSL.select(changedId).from(DSL.table(DSL.name("changed")))),
                                        DSL.inline((String) null)).otherwise(cast(A.ERROR)))
                        .from(inputs))
                .returningResult(A.DELIVERY_ID, A.ERROR));
    }

    /** The input column that fills {@code column}, read from the CTE {@code inputs}. */
    private static <T> Field<T> input(Field<T> column) {
        return DSL.field(DSL.name("inputs", column.getName()), column.getDataType());
    }

    private static <T> Field<T> cast(Field<T> column) {
        return DSL.cast(DSL.param(column.getDataType()), column.getDataType());
    }
}
