package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.DatabaseClock;
import dev.wireless.persistence.jooq.tables.CallbackDeliveries;
import dev.wireless.persistence.jooq.tables.records.CallbackDeliveriesRecord;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.UpdateSetMoreStep;

/**
 * Every state change of {@code callback_deliveries} the dispatcher makes (see the state diagram in
 * the module README). All times come from the database clock, so dispatchers on different hosts
 * agree on what is due and which leases have expired.
 *
 * <p>A completion is guarded by the claim it completes: the row must still be {@code running} with
 * the same series and attempt number, and held by the caller (or, for the rescuer, have an expired
 * lease). A late completion therefore cannot overwrite a row that was rescued meanwhile; its attempt
 * is still recorded, marked as late.
 */
final class DeliveryRepository {

    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";

    static final String LATE = "recorded late: the lease had expired and the delivery was rescued, "
            + "so this outcome did not change it";

    private static final CallbackDeliveries D = CALLBACK_DELIVERIES;

    /** Rendered once: every dispatcher runs it for every batch. */
    private static final Template CLAIM = claim();

    private final Pool pool;

    DeliveryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Leases up to {@code limit} due deliveries to {@code owner}, counting the attempt it is about to make. */
    Future<List<DeliveryRow>> claim(String owner, int limit, Duration lease) {
        return CLAIM.execute(pool, limit, owner, (double) lease.toMillis()).map(DeliveryRepository::rows);
    }

    private static Template claim() {
        CommonTableExpression<Record1<Long>> due = DSL.name("due").as(DSL.select(D.ID).from(D)
                .where(D.STATE.eq(DSL.inline(PENDING)))
                .and(D.NEXT_ATTEMPT_AT.le(DSL.currentOffsetDateTime()))
                .orderBy(D.NEXT_ATTEMPT_AT, D.ID)
                .limit(DSL.param(SQLDataType.INTEGER))
                .forUpdate().skipLocked());
        return Template.of(SQL.with(due).update(D)
                .set(D.STATE, DSL.inline(RUNNING))
                .set(D.LEASE_OWNER, DSL.param(D.LEASE_OWNER.getDataType()))
                .set(D.LEASE_EXPIRES_AT, DatabaseClock.plusMillis(DSL.param(SQLDataType.DOUBLE)))
                .set(D.ATTEMPTED_AT, DSL.currentOffsetDateTime())
                .set(D.ATTEMPT_COUNT, D.ATTEMPT_COUNT.plus(DSL.inline(1)))
                .from(due)
                .where(D.ID.eq(due.field(D.ID)))
                .returning());
    }

    /** Records {@code attempt} and applies {@code verdict}, if {@code owner} still holds the claim. */
    Future<Boolean> finish(DeliveryRow delivery, String owner, Attempt attempt, Verdict verdict) {
        if (verdict.failed()) { // the alert must commit with the state change
            return pool.withTransaction(tx -> complete(tx, delivery, D.LEASE_OWNER.eq(owner), attempt, verdict));
        }
        return complete(pool, delivery, D.LEASE_OWNER.eq(owner), attempt, verdict);
    }

    /**
     * Completes up to {@code limit} claims whose lease expired as failed attempts of unknown outcome
     * (the receiver may have got the request), then retries or fails them like any other failure.
     */
    Future<Integer> rescue(int limit, BiFunction<DeliveryRow, Attempt, Verdict> decide) {
        return pool.withTransaction(tx -> SqlExecutor.execute(tx, SQL.selectFrom(D)
                        .where(D.STATE.eq(RUNNING))
                        .and(D.LEASE_EXPIRES_AT.lt(DSL.currentOffsetDateTime()))
                        .orderBy(D.LEASE_EXPIRES_AT)
                        .limit(limit)
                        .forUpdate().skipLocked())
                .compose(found -> {
                    Future<Integer> chain = Future.succeededFuture(0);
                    for (DeliveryRow row : rows(found)) {
                        Attempt lost = leaseExpired(row);
                        chain = chain.compose(n -> complete(tx, row,
                                D.LEASE_EXPIRES_AT.lt(DSL.currentOffsetDateTime()), lost, decide.apply(row, lost))
                                .map(done -> done ? n + 1 : n));
                    }
                    return chain;
                }));
    }

    /** Returns claimed deliveries that were never sent: pending again, the attempt not counted. */
    Future<Integer> handBack(String owner, List<DeliveryRow> rows) {
        List<Long> ids = rows.stream().map(DeliveryRow::id).toList();
        return SqlExecutor.execute(pool, SQL.update(D)
                        .set(D.STATE, PENDING)
                        .set(D.LEASE_OWNER, (String) null)
                        .set(D.LEASE_EXPIRES_AT, (OffsetDateTime) null)
                        .set(D.ATTEMPT_COUNT, D.ATTEMPT_COUNT.minus(1))
                        .set(D.NEXT_ATTEMPT_AT, DSL.currentOffsetDateTime())
                        .where(D.ID.in(ids))
                        .and(D.STATE.eq(RUNNING))
                        .and(D.LEASE_OWNER.eq(owner)))
                .map(RowSet::rowCount);
    }

    /**
     * One statement: the guarded update in a CTE, and the attempt row, marked late when the guard
     * did not match. The attempt's returned error tells which happened. Only a failure adds a
     * second statement (the alert), so the caller runs that case in a transaction.
     */
    private Future<Boolean> complete(SqlClient db, DeliveryRow delivery, Condition holder, Attempt attempt,
                                     Verdict verdict) {
        CommonTableExpression<Record1<Long>> changed = DSL.name("changed").as(transition(verdict)
                .where(D.ID.eq(delivery.id()))
                .and(D.STATE.eq(RUNNING))
                .and(D.SERIES.eq(delivery.series()))
                .and(D.ATTEMPT_COUNT.eq(delivery.attemptNumber()))
                .and(holder)
                .returningResult(D.ID));
        String error = CappedBody.truncate(attempt.error());
        // the marker leads, so truncating a long error can never make the two versions equal
        String lateError = attempt.error() == null ? LATE : CappedBody.truncate(LATE + "; " + attempt.error());
        var a = CALLBACK_ATTEMPTS;
        return SqlExecutor.execute(db, SQL.with(changed)
                        .insertInto(a, a.DELIVERY_ID, a.SERIES, a.ATTEMPT_NUMBER, a.DISPATCHER, a.REQUEST_URL,
                                a.STARTED_AT, a.DURATION_MS, a.HTTP_STATUS, a.RESPONSE_BODY, a.ERROR)
                        .select(DSL.select(DSL.val(delivery.id(), a.DELIVERY_ID),
                                DSL.val(delivery.series(), a.SERIES),
                                DSL.val(delivery.attemptNumber(), a.ATTEMPT_NUMBER),
                                DSL.val(delivery.leaseOwner(), a.DISPATCHER),
                                DSL.val(attempt.requestUrl(), a.REQUEST_URL),
                                DSL.val(OffsetDateTime.ofInstant(attempt.startedAt(), ZoneOffset.UTC), a.STARTED_AT),
                                DSL.val(attempt.durationMs(), a.DURATION_MS),
                                DSL.val(attempt.httpStatus(), a.HTTP_STATUS),
                                DSL.val(CappedBody.truncate(attempt.responseBody()), a.RESPONSE_BODY),
                                DSL.when(DSL.exists(DSL.selectOne().from(changed)), DSL.val(error, a.ERROR))
                                        .otherwise(DSL.val(lateError, a.ERROR))))
                        .returning(a.ERROR))
                .map(rows -> !lateError.equals(rows.iterator().next().getString(0)))
                .compose(current -> current && verdict.failed()
                        ? new AlertRepository(db).insert(FailureAlert.of(delivery, attempt, verdict)).map(current)
                        : Future.succeededFuture(current));
    }

    /** The update a verdict makes, before its guard: the lease is always released. */
    private static UpdateSetMoreStep<CallbackDeliveriesRecord> transition(Verdict verdict) {
        var update = SQL.update(D)
                .set(D.LEASE_OWNER, (String) null)
                .set(D.LEASE_EXPIRES_AT, (OffsetDateTime) null)
                .set(D.LAST_ERROR, CappedBody.truncate(verdict.lastError()));
        return switch (verdict.outcome()) {
            case DELIVERED -> update.set(D.STATE, DELIVERED).set(D.DELIVERED_AT, DSL.currentOffsetDateTime());
            case RETRY -> update.set(D.STATE, PENDING)
                    .set(D.NEXT_ATTEMPT_AT, DatabaseClock.plus(verdict.retryDelay()));
            case FAILED -> update.set(D.STATE, FAILED);
        };
    }

    private static Attempt leaseExpired(DeliveryRow row) {
        Instant now = Instant.now();
        Instant started = row.attemptedAt() == null ? now : row.attemptedAt().toInstant();
        int duration = (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(started, now).toMillis()));
        return Attempt.failed(started, duration, OutgoingCallback.urlOf(row), "lease expired: dispatcher "
                + row.leaseOwner() + " stopped or stalled before recording the outcome of this attempt "
                + "(the receiver may have received it)", true);
    }

    static List<DeliveryRow> rows(RowSet<Row> rows) {
        List<DeliveryRow> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(DeliveryRow.from(row)));
        return list;
    }
}
