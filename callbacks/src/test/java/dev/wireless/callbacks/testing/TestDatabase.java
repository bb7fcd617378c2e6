package dev.wireless.callbacks.testing;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static dev.wireless.persistence.jooq.Tables.ACCOUNT_SIGNING_KEYS;
import static dev.wireless.persistence.jooq.Tables.ALERTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;
import static dev.wireless.persistence.jooq.Tables.WEBHOOK_SECRETS;

import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One real, migrated Postgres for the whole test run (started on first use, stopped at JVM exit);
 * tests isolate themselves by truncating the callback tables and creating fresh accounts.
 */
public final class TestDatabase {

    /** The master key every test seals Twilio signing keys with. */
    public static final SecretBox TEST_BOX = SecretBox.random();

    private static final SecureRandom RANDOM = new SecureRandom();
    private static EmbeddedDatabase database;

    private TestDatabase() {
    }

    public static synchronized EmbeddedDatabase database() {
        if (database == null) {
            database = EmbeddedDatabase.startTemporary();
            Migrations.migrate(database.location());
            EmbeddedDatabase started = database;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return database;
    }

    public static Pool pool(Vertx vertx, int size) {
        return PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size))
                .connectingTo(database().location().connectOptions())
                .using(vertx)
                .build();
    }

    /** Empties every table the callbacks module writes. */
    public static void reset(Pool pool) {
        await(SqlExecutor.execute(pool, SQL.truncate(CALLBACK_ATTEMPTS).restartIdentity().cascade()));
        await(SqlExecutor.execute(pool, SQL.truncate(ALERTS).restartIdentity().cascade()));
        await(SqlExecutor.execute(pool, SQL.truncate(CALLBACK_DELIVERIES).restartIdentity().cascade()));
        await(SqlExecutor.execute(pool, SQL.truncate(WEBHOOK_SECRETS).cascade()));
        await(SqlExecutor.execute(pool, SQL.truncate(ACCOUNT_SIGNING_KEYS).cascade()));
    }

    /** A new account; {@code signingKey} (nullable) becomes its X-Twilio-Signature key. */
    public static String newAccount(Pool pool, String signingKey) {
        byte[] hash = new byte[32];
        RANDOM.nextBytes(hash);
        String sid = "AC" + HexFormat.of().formatHex(hash, 0, 16);
        await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS)
                .set(ACCOUNTS.SID, sid)
                .set(ACCOUNTS.PRIMARY_TOKEN_HASH, hash)));
        if (signingKey != null) {
            await(pool.withTransaction(tx -> DatabaseSigningKeys.storeTwilioSigningKey(tx, sid, signingKey, TEST_BOX)));
        }
        return sid;
    }

    /** Blocks the test thread (never an event loop) until {@code future} completes. */
    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
