package dev.wireless.callbacks.signing;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCOUNT_SIGNING_KEYS;
import static dev.wireless.persistence.jooq.Tables.WEBHOOK_SECRETS;

import dev.wireless.callbacks.SigningKeys;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * {@link SigningKeys} read from {@code account_signing_keys} and {@code webhook_secrets}, plus the
 * write the api-server needs to keep the Twilio signing key equal to the account's Auth Token.
 */
public final class DatabaseSigningKeys implements SigningKeys {

    /** Both rendered once: every dispatcher reads them for every account of every batch. */
    private static final Template TWILIO_KEY = Template.of(SQL.select(ACCOUNT_SIGNING_KEYS.SIGNING_KEY)
            .from(ACCOUNT_SIGNING_KEYS)
            .where(ACCOUNT_SIGNING_KEYS.ACCOUNT_SID.eq(DSL.param(ACCOUNT_SIGNING_KEYS.ACCOUNT_SID.getDataType()))));
    private static final Template ACTIVE_SECRET = Template.of(SQL.select(WEBHOOK_SECRETS.SECRET)
            .from(WEBHOOK_SECRETS)
            .where(WEBHOOK_SECRETS.ACCOUNT_SID.eq(DSL.param(WEBHOOK_SECRETS.ACCOUNT_SID.getDataType())))
            .and(WEBHOOK_SECRETS.STATUS.eq(DSL.inline(WebhookSecrets.ACTIVE))));

    private final SqlClient db;
    private final SecretBox box;

    /** {@code box} opens the sealed Twilio signing keys. */
    public DatabaseSigningKeys(SqlClient db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public Future<Optional<String>> twilioSigningKey(String accountSid) {
        return TWILIO_KEY.execute(db, accountSid)
                .map(DatabaseSigningKeys::firstString)
                .map(sealed -> sealed.map(box::open));
    }

    @Override
    public Future<Optional<String>> webhookSecret(String accountSid) {
        return ACTIVE_SECRET.execute(db, accountSid).map(DatabaseSigningKeys::firstString);
    }

    /**
     * Sets the account's {@code X-Twilio-Signature} key, on the caller's transaction so it changes
     * together with the Auth Token it mirrors.
     */
    public static Future<Void> storeTwilioSigningKey(SqlClient transaction, String accountSid, String key,
                                                     SecretBox box) {
        String sealed = box.seal(key);
        return SqlExecutor.execute(transaction, SQL.insertInto(ACCOUNT_SIGNING_KEYS)
                        .set(ACCOUNT_SIGNING_KEYS.ACCOUNT_SID, accountSid)
                        .set(ACCOUNT_SIGNING_KEYS.SIGNING_KEY, sealed)
                        .onConflict(ACCOUNT_SIGNING_KEYS.ACCOUNT_SID)
                        .doUpdate()
                        .set(ACCOUNT_SIGNING_KEYS.SIGNING_KEY, sealed)
                        .set(ACCOUNT_SIGNING_KEYS.UPDATED_AT, DSL.currentOffsetDateTime()))
                .mapEmpty();
    }

    private static Optional<String> firstString(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0));
    }
}
