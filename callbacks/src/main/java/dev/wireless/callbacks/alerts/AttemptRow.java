package dev.wireless.callbacks.alerts;

import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One recorded attempt to deliver a callback. Exactly one of {@code httpStatus} and {@code error}
 * explains the outcome (both when the receiver answered and something else went wrong).
 *
 * @param series        1 for the original attempts, 2 after the first redelivery, and so on
 * @param dispatcher    the dispatcher that made the attempt
 * @param responseBody  the first 1,024 characters of the receiver's answer
 */
public record AttemptRow(long id, long deliveryId, int series, int attemptNumber, String dispatcher,
                         String requestUrl, OffsetDateTime startedAt, int durationMs, Integer httpStatus,
                         String responseBody, String error) {

    static AttemptRow from(Row row) {
        return new AttemptRow(
                row.getLong(CALLBACK_ATTEMPTS.ID.getName()),
                row.getLong(CALLBACK_ATTEMPTS.DELIVERY_ID.getName()),
                row.getInteger(CALLBACK_ATTEMPTS.SERIES.getName()),
                row.getInteger(CALLBACK_ATTEMPTS.ATTEMPT_NUMBER.getName()),
                row.getString(CALLBACK_ATTEMPTS.DISPATCHER.getName()),
                row.getString(CALLBACK_ATTEMPTS.REQUEST_URL.getName()),
                row.getOffsetDateTime(CALLBACK_ATTEMPTS.STARTED_AT.getName()),
                row.getInteger(CALLBACK_ATTEMPTS.DURATION_MS.getName()),
                row.getInteger(CALLBACK_ATTEMPTS.HTTP_STATUS.getName()),
                row.getString(CALLBACK_ATTEMPTS.RESPONSE_BODY.getName()),
                row.getString(CALLBACK_ATTEMPTS.ERROR.getName()));
    }
}
