package dev.wireless.callbacks.alerts;

import static dev.wireless.persistence.jooq.Tables.ALERTS;

import io.vertx.sqlclient.Row;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * One entry of an account's Debugger. Rows are immutable once written; the API maps the fields to
 * the Alert resource ({@code created_at} is {@code date_created}).
 *
 * @param deliveryId the callback delivery the alert is about, when it is about one (redelivery
 *                   and the attempt history start from it)
 */
public record AlertRow(long id, String sid, String accountSid, String resourceSid, int errorCode, String logLevel,
                       String alertText, String requestUrl, String requestMethod, String requestVariables,
                       Integer responseStatusCode, String responseBody, Long deliveryId,
                       OffsetDateTime createdAt) {

    /** An HTTP retrieval failure: the receiver never answered 2xx. */
    public static final int HTTP_RETRIEVAL_FAILURE = 11200;

    public static final String ERROR = "error";
    public static final String WARNING = "warning";
    public static final String NOTICE = "notice";
    public static final String DEBUG = "debug";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A row to insert: a fresh {@code NO…} SID; id and creation time are assigned by the database. */
    public static AlertRow newAlert(String accountSid, String resourceSid, int errorCode, String logLevel,
                                    String alertText, String requestUrl, String requestMethod,
                                    String requestVariables, Integer responseStatusCode, String responseBody,
                                    Long deliveryId) {
        return new AlertRow(0, newSid(), accountSid, resourceSid, errorCode, logLevel, alertText, requestUrl,
                requestMethod, requestVariables, responseStatusCode, responseBody, deliveryId, null);
    }

    static String newSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "NO" + HexFormat.of().formatHex(bytes);
    }

    static AlertRow from(Row row) {
        return new AlertRow(
                row.getLong(ALERTS.ID.getName()),
                row.getString(ALERTS.SID.getName()),
                row.getString(ALERTS.ACCOUNT_SID.getName()),
                row.getString(ALERTS.RESOURCE_SID.getName()),
                row.getInteger(ALERTS.ERROR_CODE.getName()),
                row.getString(ALERTS.LOG_LEVEL.getName()),
                row.getString(ALERTS.ALERT_TEXT.getName()),
                row.getString(ALERTS.REQUEST_URL.getName()),
                row.getString(ALERTS.REQUEST_METHOD.getName()),
                row.getString(ALERTS.REQUEST_VARIABLES.getName()),
                row.getInteger(ALERTS.RESPONSE_STATUS_CODE.getName()),
                row.getString(ALERTS.RESPONSE_BODY.getName()),
                row.getLong(ALERTS.DELIVERY_ID.getName()),
                row.getOffsetDateTime(ALERTS.CREATED_AT.getName()));
    }
}
