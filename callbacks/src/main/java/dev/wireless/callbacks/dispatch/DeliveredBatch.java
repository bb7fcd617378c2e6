package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

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
import org.jooq.impl.SQLDataType;

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
        int n = batch.size();
        Long[] ids = new Long[n];
        Integer[] series = new Integer[n];
        Integer[] attempts = new Integer[n];
        String[] urls = new String[n];
        OffsetDateTime[] started = new OffsetDateTime[n];
        Integer[] durations = new Integer[n];
        Integer[] statuses = new Integer[n];
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            DeliveryRow row = batch.get(i).row();
            Attempt attempt = batch.get(i).attempt();
            ids[i] = row.id();
            series[i] = row.series();
            attempts[i] = row.attemptNumber();
            urls[i] = attempt.requestUrl();
            started[i] = OffsetDateTime.ofInstant(attempt.startedAt(), ZoneOffset.UTC);
            durations[i] = attempt.durationMs();
            statuses[i] = attempt.httpStatus();
            bodies[i] = CappedBody.truncate(attempt.responseBody());
        }
        return RECORD.execute(db, ids, series, attempts, urls, started, durations, statuses, bodies, owner, owner,
                DeliveryRepository.LATE).map(rows -> {
                    Map<Long, Boolean> current = new HashMap<>();
                    rows.forEach(r -> current.put(r.getLong(0), r.getString(1) == null));
                    return current;
                });
    }

    private static Template record() {
        Table<?> input = DSL.table("unnest({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7})",
                DSL.param(SQLDataType.BIGINT.array()), DSL.param(SQLDataType.INTEGER.array()),
                DSL.param(SQLDataType.INTEGER.array()), DSL.param(SQLDataType.VARCHAR.array()),
                DSL.param(SQLDataType.TIMESTAMPWITHTIMEZONE.array()), DSL.param(SQLDataType.INTEGER.array()),
                DSL.param(SQLDataType.INTEGER.array()), DSL.param(SQLDataType.VARCHAR.array()))
                .as("input", "id", "series", "attempt", "url", "started", "duration", "status", "body");
        var inputs = DSL.name("inputs").as(DSL.select(input.fields()).from(input));
        Field<Long> id = DSL.field(DSL.name("inputs", "id"), Long.class);
        Field<Integer> seriesIn = DSL.field(DSL.name("inputs", "series"), Integer.class);
        Field<Integer> attemptIn = DSL.field(DSL.name("inputs", "attempt"), Integer.class);
        var changed = DSL.name("changed").as(SQL.update(D)
                .set(D.STATE, DSL.inline(DeliveryRepository.DELIVERED))
                .set(D.DELIVERED_AT, DSL.currentOffsetDateTime())
                .set(D.LEASE_OWNER, DSL.inline((String) null))
                .set(D.LEASE_EXPIRES_AT, DSL.inline((OffsetDateTime) null))
                .set(D.LAST_ERROR, DSL.inline((String) null))
                .from(DSL.table(DSL.name("inputs")))
                .where(D.ID.eq(id)).and(D.STATE.eq(DSL.inline(DeliveryRepository.RUNNING)))
                .and(D.SERIES.eq(seriesIn)).and(D.ATTEMPT_COUNT.eq(attemptIn))
                .and(D.LEASE_OWNER.eq(DSL.param(D.LEASE_OWNER.getDataType())))
                .returningResult(D.ID));
        Field<Long> changedId = DSL.field(DSL.name("changed", D.ID.getName()), Long.class);
        return Template.of(SQL.with(inputs).with(changed)
                .insertInto(A, A.DELIVERY_ID, A.SERIES, A.ATTEMPT_NUMBER, A.DISPATCHER, A.REQUEST_URL, A.STARTED_AT,
                        A.DURATION_MS, A.HTTP_STATUS, A.RESPONSE_BODY, A.ERROR)
                .select(DSL.select(id, seriesIn, attemptIn, cast(A.DISPATCHER),
                                DSL.field(DSL.name("inputs", "url"), String.class),
                                DSL.field(DSL.name("inputs", "started"), OffsetDateTime.class),
                                DSL.field(DSL.name("inputs", "duration"), Integer.class),
                                DSL.field(DSL.name("inputs", "status"), Integer.class),
                                DSL.field(DSL.name("inputs", "body"), String.class),
                                DSL.when(id.in(DSL.select(changedId).from(DSL.table(DSL.name("changed")))),
                                        DSL.inline((String) null)).otherwise(cast(A.ERROR)))
                        .from(DSL.table(DSL.name("inputs"))))
                .returningResult(A.DELIVERY_ID, A.ERROR));
    }

    private static <T> Field<T> cast(Field<T> column) {
        return DSL.cast(DSL.param(column.getDataType()), column.getDataType());
    }
}
