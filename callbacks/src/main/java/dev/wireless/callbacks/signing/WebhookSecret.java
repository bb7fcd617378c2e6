package dev.wireless.callbacks.signing;

import static dev.wireless.persistence.jooq.Tables.WEBHOOK_SECRETS;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** A webhook secret as listed: everything but the secret value, which is shown only at creation. */
public record WebhookSecret(String id, String accountSid, String name, String status, OffsetDateTime createdAt,
                            OffsetDateTime updatedAt) {

    static WebhookSecret from(Row row) {
        return new WebhookSecret(
                row.getString(WEBHOOK_SECRETS.ID.getName()),
                row.getString(WEBHOOK_SECRETS.ACCOUNT_SID.getName()),
                row.getString(WEBHOOK_SECRETS.NAME.getName()),
                row.getString(WEBHOOK_SECRETS.STATUS.getName()),
                row.getOffsetDateTime(WEBHOOK_SECRETS.CREATED_AT.getName()),
                row.getOffsetDateTime(WEBHOOK_SECRETS.UPDATED_AT.getName()));
    }
}
