package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Configuration mistakes fail loudly: a missing or wrong master key for a database that holds
 * sealed tokens is refused (non-zero exit, a message that says what to do, no new key file), and
 * the standalone dispatcher serves health and metrics and stops within 3 s.
 */
class ConfigurationRefusalsTest {

  @Test
  void aMissingOrWrongMasterKeyIsRefusedAndTheDispatcherStopsQuickly() throws Exception {
    String masterKey = ServerProcess.randomMasterKey();
    Vertx vertx = Vertx.vertx();
    try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
      DatabaseLocation db = database.location();
      Migrations.migrate(db);
      Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
      String account = TestPlatform.await(new AccountService(pool, Duration.ofHours(1),
          SecretBox.fromBase64(masterKey)).create("keys", null)).accountSid();
      TestPlatform.await(pool.close());

      Path dataDir = ScratchDirectories.create("wireless-no-key");
      Map<String, String> env = new HashMap<>(Map.of("WIRELESS_DB_URL", ServerProcess.dbUrl(db),
          "WIRELESS_DATA_DIR", dataDir.toString()));
      ServerProcess missing = ServerProcess.start(env, "accounts", "rotate-token", account);
      assertEquals(1, missing.awaitExit(60));
      assertTrue(String.join("\n", missing.output()).contains("WIRELESS_MASTER_KEY is not set"), missing.output()::toString);
      assertFalse(Files.exists(dataDir.resolve("secrets").resolve("master.key")), "no new key was written");

      env.put("WIRELESS_MASTER_KEY", ServerProcess.randomMasterKey());
      ServerProcess wrong = ServerProcess.start(env, "accounts", "rotate-token", account);
      assertEquals(1, wrong.awaitExit(60));
      assertTrue(String.join("\n", wrong.output()).contains("does not open the tokens sealed in the database"),
          wrong.output()::toString);
      ServerProcess wrongDispatcher = ServerProcess.start(env, "dispatcher");
      assertEquals(1, wrongDispatcher.awaitExit(60));
      assertTrue(String.join("\n", wrongDispatcher.output()).contains("does not open"), wrongDispatcher.output()::toString);

      env.put("WIRELESS_MASTER_KEY", masterKey);
      ServerProcess rotated = ServerProcess.start(env, "accounts", "rotate-token", account);
      assertEquals(0, rotated.awaitExit(60), rotated.output()::toString);

      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      env.put("WIRELESS_MANAGEMENT_PORT", Integer.toString(port));
      env.put("WIRELESS_HOST", "127.0.0.1");
      ServerProcess dispatcher = ServerProcess.start(env, "dispatcher");
      RawHttp health = new RawHttp("http://127.0.0.1:" + port);
      awaitUntil(Duration.ofSeconds(60), () -> {
        try {
          return health.get("/health/ready", null).statusCode() == 200;
        } catch (IllegalStateException notYetListening) {
          return false;
        }
      });
      assertEquals(200, health.get("/health/live", null).statusCode());
      assertTrue(health.get("/metrics", null).body().contains("jvm_"), "Prometheus metrics");
      long stopping = System.nanoTime();
      assertTrue(dispatcher.terminate());
      long stopped = (System.nanoTime() - stopping) / 1_000_000;
      assertTrue(stopped <= 3_000, "the idle dispatcher stopped after " + stopped + " ms");
      assertFalse(String.join("\n", dispatcher.output()).contains("did not complete cleanly"), dispatcher.output()::toString);
      System.out.printf("idle standalone dispatcher: health and metrics served; stopped %d ms after SIGTERM%n", stopped);
    } finally {
      TestPlatform.await(vertx.close());
    }
  }
}
