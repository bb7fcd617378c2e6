package dev.wireless.server.accounts;

import dev.wireless.callbacks.signing.SecretFiles;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The account a person trying the platform uses: created on the first start with an empty data
 * directory, its credentials written to {@code <data dir>/demo-credentials.env} (readable by the
 * owner only) and reused on every later start.
 */
public final class DemoAccount {

  public static final String FILE = "demo-credentials.env";

  private DemoAccount() {
  }

  public static Future<NewCredentials> ensure(Vertx vertx, Path dataDir, AccountService accounts) {
    return ensure(vertx, dataDir, accounts, sid -> Future.succeededFuture());
  }

  /**
   * Like {@link #ensure(Vertx, Path, AccountService)}; {@code seed} runs once, right after the
   * account is created and before its credentials file is written (so a failed seed is retried on
   * the next start with a fresh account).
   */
  public static Future<NewCredentials> ensure(Vertx vertx, Path dataDir, AccountService accounts,
                                              Function<String, Future<Void>> seed) {
    Path file = dataDir.resolve(FILE);
    return vertx.executeBlocking(() -> Files.exists(file) ? read(file) : null).compose(existing -> existing != null
        ? Future.succeededFuture(existing)
        : accounts.create("Demo account", null)
            .compose(created -> seed.apply(created.accountSid()).map(created))
            .compose(created -> vertx.executeBlocking(() -> write(file, created))));
  }

  private static NewCredentials read(Path file) throws java.io.IOException {
    Map<String, String> values = new HashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return new NewCredentials(values.get("ACCOUNT_SID"), values.get("AUTH_TOKEN"));
  }

  private static NewCredentials write(Path file, NewCredentials credentials) throws java.io.IOException {
    SecretFiles.writeOwnerOnly(file, "ACCOUNT_SID=" + credentials.accountSid() + "\nAUTH_TOKEN="
        + credentials.authToken() + "\n");
    return credentials;
  }
}
