package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A claimed delivery: what to send, and the claim's identity. {@code series} and
 * {@code attemptNumber} (the attempt count after the claim incremented it) name this one attempt,
 * so a completion can tell whether the row is still the one it claimed.
 *
 * <p>A {@code rescued} row is one the claim took over from a dispatcher whose lease expired: its
 * {@code attemptNumber} is that dispatcher's attempt (not counted again), {@code leaseOwner} names
 * that dispatcher and {@code attemptedAt} is when it started; the claimer records that attempt as
 * lost instead of sending.
 */
record DeliveryRow(long id, String token, String accountSid, String resourceSid, String kind, String url,
                   String method, String body, int series, int attemptNumber, int maxAttempts, String leaseOwner,
                   OffsetDateTime attemptedAt, boolean rescued) {

    /** The column of the claim's result that names the dispatcher whose expired lease it took over. */
    static final String LOST_BY = "lost_by";

    /** A delivery claimed to be sent now. */
    DeliveryRow(long id, String token, String accountSid, String resourceSid, String kind, String url, String method,
                String body, int series, int attemptNumber, int maxAttempts, String leaseOwner,
                OffsetDateTime attemptedAt) {
        this(id, token, accountSid, resourceSid, kind, url, method, body, series, attemptNumber, maxAttempts,
                leaseOwner, attemptedAt, false);
    }

    static DeliveryRow from(Row row) {
        int lostBy = row.getColumnIndex(LOST_BY);
        String lostOwner = lostBy < 0 ? null : row.getString(lostBy);
        return new DeliveryRow(
                row.getLong(CALLBACK_DELIVERIES.ID.getName()),
                row.getString(CALLBACK_DELIVERIES.IDEMPOTENCY_TOKEN.getName()),
                row.getString(CALLBACK_DELIVERIES.ACCOUNT_SID.getName()),
                row.getString(CALLBACK_DELIVERIES.RESOURCE_SID.getName()),
                row.getString(CALLBACK_DELIVERIES.KIND.getName()),
                row.getString(CALLBACK_DELIVERIES.URL.getName()),
                row.getString(CALLBACK_DELIVERIES.METHOD.getName()),
                row.getString(CALLBACK_DELIVERIES.BODY.getName()),
                row.getInteger(CALLBACK_DELIVERIES.SERIES.getName()),
                row.getInteger(CALLBACK_DELIVERIES.ATTEMPT_COUNT.getName()),
                row.getInteger(CALLBACK_DELIVERIES.MAX_ATTEMPTS.getName()),
                lostOwner != null ? lostOwner : row.getString(CALLBACK_DELIVERIES.LEASE_OWNER.getName()),
                row.getOffsetDateTime(CALLBACK_DELIVERIES.ATTEMPTED_AT.getName()),
                lostOwner != null);
    }
}
