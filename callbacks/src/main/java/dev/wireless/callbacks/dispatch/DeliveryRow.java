package dev.wireless.callbacks.dispatch;

import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * A claimed delivery: what to send, and the claim's identity. {@code series} and
 * {@code attemptNumber} (the attempt count after the claim incremented it) name this one attempt,
 * so a completion can tell whether the row is still the one it claimed.
 */
record DeliveryRow(long id, String token, String accountSid, String resourceSid, String kind, String url,
                   String method, String body, int series, int attemptNumber, int maxAttempts, String leaseOwner,
                   OffsetDateTime attemptedAt) {

    static DeliveryRow from(Row row) {
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
                row.getString(CALLBACK_DELIVERIES.LEASE_OWNER.getName()),
                row.getOffsetDateTime(CALLBACK_DELIVERIES.ATTEMPTED_AT.getName()));
    }
}
