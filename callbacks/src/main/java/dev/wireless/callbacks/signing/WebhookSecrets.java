package dev.wireless.callbacks.signing;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.WEBHOOK_SECRETS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * An account's webhook secrets (KORE's {@code /v1/secrets}): the key of {@code kore-signature}.
 *
 * <p>At most one secret per account is {@value #ACTIVE} and signs callbacks. A new secret is
 * {@value #PENDING} unless the account has none active yet, so a receiver can be given the new
 * secret before it is used; {@link #rotate} then switches signing over in one transaction (the old
 * secret becomes pending). Callbacks sent after the commit use the new secret. {@link #modify} also
 * renames and sets statuses, as KORE's {@code PATCH /v1/secrets/{id}} does.
 */
public final class WebhookSecrets {

    public static final String ACTIVE = "active";
    public static final String PENDING = "pending";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final int ID_LENGTH = 26;
    private static final int SECRET_BYTES = 32;

    private final Pool pool;

    public WebhookSecrets(Pool pool) {
        this.pool = pool;
    }

    /** Creates a secret; the result is the only place its value is ever returned. */
    public Future<NewWebhookSecret> create(String accountSid, String name) {
        String id = newId();
        String secret = HexFormat.of().formatHex(randomBytes(SECRET_BYTES));
        // the partial unique index admits one active secret: the first insert wins it, any other is pending
        return insert(id, accountSid, name, secret, ACTIVE, true)
                .compose(rows -> rows.size() > 0 ? Future.succeededFuture(rows)
                        : insert(id, accountSid, name, secret, PENDING, false))
                .map(rows -> new NewWebhookSecret(WebhookSecret.from(rows.iterator().next()), secret));
    }

    /** The account's secrets, oldest first, optionally only those with {@code status}. */
    public Future<List<WebhookSecret>> list(String accountSid, Optional<String> status) {
        Condition byStatus = status.map(WEBHOOK_SECRETS.STATUS::eq).orElse(DSL.noCondition());
        return SqlExecutor.execute(pool, SQL.selectFrom(WEBHOOK_SECRETS)
                        .where(WEBHOOK_SECRETS.ACCOUNT_SID.eq(accountSid))
                        .and(byStatus)
                        .orderBy(WEBHOOK_SECRETS.CREATED_AT, WEBHOOK_SECRETS.ID))
                .map(WebhookSecrets::all);
    }

    /** One of the account's secrets; empty when it has none with this id. */
    public Future<Optional<WebhookSecret>> find(String accountSid, String secretId) {
        return SqlExecutor.execute(pool, SQL.selectFrom(WEBHOOK_SECRETS)
                        .where(WEBHOOK_SECRETS.ACCOUNT_SID.eq(accountSid))
                        .and(WEBHOOK_SECRETS.ID.eq(secretId)))
                .map(rows -> all(rows).stream().findFirst());
    }

    /**
     * Makes {@code secretId} the account's active secret and demotes the one active before it;
     * empty when the account has no such secret.
     */
    public Future<Optional<WebhookSecret>> rotate(String accountSid, String secretId) {
        return modify(accountSid, secretId, Optional.empty(), Optional.of(ACTIVE));
    }

    /**
     * Renames a secret and/or sets its status, in one transaction. {@value #ACTIVE} rotates (the
     * secret active before it becomes {@value #PENDING}); {@value #PENDING} on the active secret
     * leaves the account without one. Empty when the account has no such secret (nothing changes).
     */
    public Future<Optional<WebhookSecret>> modify(String accountSid, String secretId, Optional<String> name,
                                                  Optional<String> status) {
        if (name.isEmpty() && status.isEmpty()) {
            return find(accountSid, secretId);
        }
        boolean activating = status.filter(ACTIVE::equals).isPresent();
        return pool.withTransaction(tx -> (activating ? SqlExecutor.execute(tx, SQL.update(WEBHOOK_SECRETS)
                                .set(WEBHOOK_SECRETS.STATUS, PENDING)
                                .set(WEBHOOK_SECRETS.UPDATED_AT, DSL.currentOffsetDateTime())
                                .where(WEBHOOK_SECRETS.ACCOUNT_SID.eq(accountSid))
                                .and(WEBHOOK_SECRETS.STATUS.eq(ACTIVE))
                                .and(WEBHOOK_SECRETS.ID.ne(secretId))).<Void>mapEmpty()
                        : Future.<Void>succeededFuture())
                .compose(demoted -> SqlExecutor.execute(tx, SQL.update(WEBHOOK_SECRETS)
                        .set(WEBHOOK_SECRETS.NAME, name.isPresent() ? DSL.val(name.get()) : WEBHOOK_SECRETS.NAME)
                        .set(WEBHOOK_SECRETS.STATUS, status.isPresent() ? DSL.val(status.get()) : WEBHOOK_SECRETS.STATUS)
                        .set(WEBHOOK_SECRETS.UPDATED_AT, DSL.currentOffsetDateTime())
                        .where(WEBHOOK_SECRETS.ACCOUNT_SID.eq(accountSid))
                        .and(WEBHOOK_SECRETS.ID.eq(secretId))
                        .returning()))
                .compose(rows -> rows.size() == 0
                        // unknown id: undo the demotion by failing the transaction
                        ? Future.<Optional<WebhookSecret>>failedFuture(new NoSuchSecret())
                        : Future.succeededFuture(Optional.of(WebhookSecret.from(rows.iterator().next())))))
                .recover(failure -> failure instanceof NoSuchSecret
                        ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failure));
    }

    private Future<RowSet<Row>> insert(String id, String accountSid, String name, String secret, String status,
                                       boolean onlyIfNoneActive) {
        var insert = SQL.insertInto(WEBHOOK_SECRETS)
                .set(WEBHOOK_SECRETS.ID, id)
                .set(WEBHOOK_SECRETS.ACCOUNT_SID, accountSid)
                .set(WEBHOOK_SECRETS.NAME, name)
                .set(WEBHOOK_SECRETS.SECRET, secret)
                .set(WEBHOOK_SECRETS.STATUS, status);
        return SqlExecutor.execute(pool, onlyIfNoneActive
                ? insert.onConflict(WEBHOOK_SECRETS.ACCOUNT_SID).where(WEBHOOK_SECRETS.STATUS.eq(ACTIVE))
                        .doNothing().returning()
                : insert.returning());
    }

    private static List<WebhookSecret> all(RowSet<Row> rows) {
        List<WebhookSecret> secrets = new ArrayList<>();
        rows.forEach(row -> secrets.add(WebhookSecret.from(row)));
        return secrets;
    }

    static String newId() {
        StringBuilder id = new StringBuilder("whs_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET[RANDOM.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Rolls back a rotation to an unknown secret; never leaves this class. */
    private static final class NoSuchSecret extends RuntimeException {
        NoSuchSecret() {
            super(null, null, false, false);
        }
    }
}
