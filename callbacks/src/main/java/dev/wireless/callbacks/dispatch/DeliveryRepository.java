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
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.UpdateSetMoreStep;

/**
 * Every state change of {@code callback_deliveries} the dispatcher makes (see the state diagram in
 * the module README). All times come from the database clock, so dispatchers on different hosts
 * agree on what is due and which leases have expired.
 *
 * <p>A completion is guarded by the claim it completes: the row must still be {@code running} with
 * the same series and attempt number, and held by the caller. The claim also takes over expired
 * leases (the rescue), so a late completion cannot overwrite a row that was rescued meanwhile; its
 * attempt is still recorded, marked as late.
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

    /**
     * Leases up to {@code limit} deliveries to {@code owner}: due pending ones, counting the attempt
     * it is about to make, and running ones whose lease expired, whose lost attempt is already
     * counted ({@link DeliveryRow#rescued()}: not to be sent, but {@link #finish}ed with their
     * {@link #lostAttempt}).
     */
    Future<List<DeliveryRow>> claim(String owner, int limit, Duration lease) {
        return CLAIM.execute(pool, limit, limit, limit, owner, (double) lease.toMillis())
                .map(DeliveryRepository::rows);
    }

    /**
     * The one claim, which is also the rescue. Expired leases are taken first, then due pending rows
     * up to the limit: each kind through its own index ({@code callback_deliveries_lease_ix},
     * {@code callback_deliveries_claim_ix}), and a CTE is read only as far as the limit of {@code due}
     * asks, so a long backlog of due rows is read, and locked, only that far (one {@code OR} over
     * both kinds would read and sort the whole backlog). A rescued row keeps its attempt count and
     * its {@code attempted_at} (the lost attempt's start) and returns the expired holder as
     * {@code lost_by}. Placeholders: the limit (three times), the owner, the lease in milliseconds.
     */
    private static Template claim() {
        Field<OffsetDateTime> now = DatabaseClock.now();
        CommonTableExpression<Record2<Long, String>> expired = DSL.name("expired").as(
                DSL.select(D.ID, D.LEASE_OWNER.as(DeliveryRow.LOST_BY)).from(D)
                        .where(D.STATE.eq(DSL.inline(RUNNING)))
                        .and(D.LEASE_EXPIRES_AT.lt(now))
                        .orderBy(D.LEASE_EXPIRES_AT)
                        .limit(DSL.param(SQLDataType.INTEGER))
                        .forUpdate().skipLocked());
        CommonTableExpression<Record1<Long>> pending = DSL.name("pending").as(DSL.select(D.ID).from(D)
                .where(D.STATE.eq(DSL.inline(PENDING)))
                .and(D.NEXT_ATTEMPT_AT.le(now))
                .orderBy(D.NEXT_ATTEMPT_AT, D.ID)
                .limit(DSL.param(SQLDataType.INTEGER))
                .forUpdate().skipLocked());
        Field<String> lostBy = DSL.field(DSL.name(DeliveryRow.LOST_BY), String.class);
        CommonTableExpression<Record2<Long, String>> due = DSL.name("due").as(
                DSL.select(expired.field(D.ID), expired.field(lostBy)).from(expired)
                        .unionAll(DSL.select(pending.field(D.ID), DSL.inline((String) null, lostBy.getDataType()))
                                .from(pending))
                        .limit(DSL.param(SQLDataType.INTEGER)));
        Condition lost = due.field(lostBy).isNotNull();
        List<Field<?>> returned = new ArrayList<>(List.of(D.fields()));
        returned.add(due.field(lostBy));
        return Template.of(SQL.with(expired).with(pending).with(due).update(D)
                .set(D.STATE, DSL.inline(RUNNING))
                .set(D.LEASE_OWNER, DSL.param(D.LEASE_OWNER.getDataType()))
                .set(D.LEASE_EXPIRES_AT, DatabaseClock.plusMillis(DSL.param(SQLDataType.DOUBLE)))
                .set(D.ATTEMPTED_AT, DSL.when(lost, D.ATTEMPTED_AT).otherwise(now))
                .set(D.ATTEMPT_COUNT, DSL.when(lost, D.ATTEMPT_COUNT).otherwise(D.ATTEMPT_COUNT.plus(DSL.inline(1))))
                .from(due)
                .where(D.ID.eq(due.field(D.ID)))
                .returningResult(returned));
    }

    /** Records {@code attempt} and applies {@code verdict}, if {@code owner} still holds the claim. */
    Future<Boolean> finish(DeliveryRow delivery, String owner, Attempt attempt, Verdict verdict) {
        if (verdict.failed()) { // the alert must commit with the state change
            return pool.withTransaction(tx -> complete(tx, delivery, D.LEASE_OWNER.eq(owner), attempt, verdict));
        }
        return complete(pool, delivery, D.LEASE_OWNER.eq(owner), attempt, verdict);
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

    /**
     * The attempt a rescued claim took over ({@link DeliveryRow#rescued()}): failed with an unknown
     * outcome, dated from its start, so that it is recorded and counted like any failed attempt.
     */
    static Attempt lostAttempt(DeliveryRow row) {
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
