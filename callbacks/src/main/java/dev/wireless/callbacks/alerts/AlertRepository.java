package dev.wireless.callbacks.alerts;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ALERTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The Debugger's rows, always scoped to one account: another account's alert does not exist here
 * (the API answers 404, never 403). Bound to a {@link SqlClient} so an alert can be written on the
 * same transaction as the state change it reports.
 */
public final class AlertRepository {

    private final SqlClient db;

    public AlertRepository(SqlClient db) {
        this.db = db;
    }

    /** Writes {@code alert} (from {@link AlertRow#newAlert}); returns it as stored. */
    public Future<AlertRow> insert(AlertRow alert) {
        return SqlExecutor.execute(db, SQL.insertInto(ALERTS)
                        .set(ALERTS.SID, alert.sid())
                        .set(ALERTS.ACCOUNT_SID, alert.accountSid())
                        .set(ALERTS.RESOURCE_SID, alert.resourceSid())
                        .set(ALERTS.ERROR_CODE, alert.errorCode())
                        .set(ALERTS.LOG_LEVEL, alert.logLevel())
                        .set(ALERTS.ALERT_TEXT, alert.alertText())
                        .set(ALERTS.REQUEST_URL, alert.requestUrl())
                        .set(ALERTS.REQUEST_METHOD, alert.requestMethod())
                        .set(ALERTS.REQUEST_VARIABLES, alert.requestVariables())
                        .set(ALERTS.RESPONSE_STATUS_CODE, alert.responseStatusCode())
                        .set(ALERTS.RESPONSE_BODY, alert.responseBody())
                        .set(ALERTS.DELIVERY_ID, alert.deliveryId())
                        .returning())
                .map(rows -> AlertRow.from(rows.iterator().next()));
    }

    /**
     * Up to {@code limit} alerts of the account matching {@code filter}, in id order after
     * {@code boundaryId} (or in descending id order before it when {@code backwards}); a null
     * boundary starts at the beginning. Ask for one more than the page size to learn whether a
     * next page exists.
     */
    public Future<List<AlertRow>> page(String accountSid, AlertFilter filter, Long boundaryId, boolean backwards,
                                       int limit) {
        Condition position = boundaryId == null ? DSL.noCondition()
                : backwards ? ALERTS.ID.lt(boundaryId) : ALERTS.ID.gt(boundaryId);
        return SqlExecutor.execute(db, SQL.selectFrom(ALERTS)
                        .where(ALERTS.ACCOUNT_SID.eq(accountSid))
                        .and(matching(filter))
                        .and(position)
                        .orderBy(backwards ? ALERTS.ID.desc() : ALERTS.ID.asc())
                        .limit(limit))
                .map(rows -> all(rows, AlertRow::from));
    }

    /** The account's alert with {@code sid}. */
    public Future<Optional<AlertRow>> find(String accountSid, String sid) {
        return SqlExecutor.execute(db, SQL.selectFrom(ALERTS)
                        .where(ALERTS.ACCOUNT_SID.eq(accountSid))
                        .and(ALERTS.SID.eq(sid)))
                .map(rows -> all(rows, AlertRow::from).stream().findFirst());
    }

    /** Every attempt of the account's delivery {@code deliveryId}, oldest first; empty if not the account's. */
    public Future<List<AttemptRow>> attempts(String accountSid, long deliveryId) {
        return SqlExecutor.execute(db, SQL.select(CALLBACK_ATTEMPTS.fields())
                        .from(CALLBACK_ATTEMPTS)
                        .join(CALLBACK_DELIVERIES).on(CALLBACK_DELIVERIES.ID.eq(CALLBACK_ATTEMPTS.DELIVERY_ID))
                        .where(CALLBACK_DELIVERIES.ACCOUNT_SID.eq(accountSid))
                        .and(CALLBACK_ATTEMPTS.DELIVERY_ID.eq(deliveryId))
                        .orderBy(CALLBACK_ATTEMPTS.ID))
                .map(rows -> all(rows, AttemptRow::from));
    }

    private static Condition matching(AlertFilter filter) {
        Condition condition = DSL.noCondition();
        if (filter.resourceSid() != null) {
            condition = condition.and(ALERTS.RESOURCE_SID.eq(filter.resourceSid()));
        }
        if (filter.logLevel() != null) {
            condition = condition.and(ALERTS.LOG_LEVEL.eq(filter.logLevel()));
        }
        if (filter.startDate() != null) {
            condition = condition.and(ALERTS.CREATED_AT.ge(filter.startDate()));
        }
        if (filter.endDate() != null) {
            condition = condition.and(ALERTS.CREATED_AT.lt(filter.endDate()));
        }
        return condition;
    }

    private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(mapper.apply(row)));
        return list;
    }
}
