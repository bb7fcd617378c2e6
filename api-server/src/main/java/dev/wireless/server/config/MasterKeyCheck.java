package dev.wireless.server.config;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCOUNT_SIGNING_KEYS;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The master key must open what the database already holds sealed: otherwise every callback
 * signature would be computed with a key nobody can recover, and the failure would only show
 * much later, in every delivery. So a node or CLI command refuses to go on when the key it has
 * does not open a sealed signing key of the database, and when it has none at all (no
 * {@code WIRELESS_MASTER_KEY}, no key file) for a database that holds sealed keys, instead of
 * generating a new one. A database without sealed keys yet accepts any key (the key file is
 * generated on first use, as before).
 */
public final class MasterKeyCheck {

  private MasterKeyCheck() {
  }

  /** The verified key box; fails with an {@link IllegalArgumentException} that says what to do. */
  public static Future<SecretBox> resolve(Pool pool, ServerConfig config) {
    Path keyFile = config.dataDir().resolve("secrets").resolve("master.key");
    boolean configured = config.masterKey() != null || Files.exists(keyFile);
    return SqlExecutor.execute(pool, SQL.select(ACCOUNT_SIGNING_KEYS.SIGNING_KEY).from(ACCOUNT_SIGNING_KEYS).limit(1))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0))
        .map(sealed -> {
          if (sealed == null) {
            return config.secretBox();
          }
          if (!configured) {
            throw new IllegalArgumentException("WIRELESS_MASTER_KEY is not set and there is no " + keyFile
                + ", but the database holds tokens sealed with a master key: set WIRELESS_MASTER_KEY to the key"
                + " the other nodes use (a new key would not open them)");
          }
          SecretBox box = config.secretBox();
          try {
            box.open(sealed);
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("the master key (" + (config.masterKey() != null ? "WIRELESS_MASTER_KEY"
                : keyFile.toString()) + ") does not open the tokens sealed in the database: use the key the"
                + " other nodes use");
          }
          return box;
        });
  }
}
