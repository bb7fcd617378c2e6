package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.basic;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing secret reaches the logs: a packaged node (JSON access log) serves requests carrying an
 * Auth Token as Bearer and Basic, wrong tokens, an OAuth exchange, a webhook secret, a token
 * rotation and a token pasted into a form field; then every line the process wrote is searched
 * for each secret (and its Basic encoding), the database password (as it would appear in a URL or
 * connection string) and the master key.
 */
class SecretsStayOutOfLogsTest {

  @Test
  void noTokenPasswordOrKeyAppearsInAnyLogLine() throws Exception {
    String masterKey = ServerProcess.randomMasterKey();
    Vertx vertx = Vertx.vertx();
    try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
      DatabaseLocation db = database.location();
      Migrations.migrate(db);
      Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
      AccountService accounts = new AccountService(pool, Duration.ofHours(1), SecretBox.fromBase64(masterKey));
      NewCredentials account = TestPlatform.await(accounts.create("logs", null));
      List<String> secrets = new ArrayList<>(List.of(account.authToken(), masterKey,
          ":" + db.password() + "@", "password=" + db.password()));

      ServerProcess node = ServerProcess.start(Map.of("WIRELESS_DB_URL", ServerProcess.dbUrl(db),
          "WIRELESS_MASTER_KEY", masterKey, "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-logs").toString(),
          "WIRELESS_PORT", "0", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_LOG_FORMAT", "json",
          "WIRELESS_DEMO", "true"));
      String demoToken;
      try {
        RawHttp http = new RawHttp(node.baseUrl());
        json(http.get("/v1/Sims", bearer(account.authToken())), 200);
        json(http.get("/v1/RatePlans", basic(account.accountSid(), account.authToken())), 200);
        String wrong = "0123456789abcdef0123456789abcdef";
        secrets.add(wrong);
        assertEquals(401, http.get("/v1/Sims", bearer(wrong)).statusCode());
        assertEquals(401, http.get("/v1/Sims", basic(account.accountSid(), wrong)).statusCode());
        String accessToken = json(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials",
            "client_id", account.accountSid(), "client_secret", account.authToken()), 200).getString("access_token");
        secrets.add(accessToken);
        json(http.get("/v1/Sims", bearer(accessToken)), 200);
        String webhookSecret = json(http.postForm("/v1/WebhookSecrets", bearer(accessToken), "Name", "logs"), 201)
            .getString("secret");
        secrets.add(webhookSecret);
        assertEquals(400, http.postForm("/v1/RatePlans", bearer(account.authToken()), "UniqueName",
            account.authToken() + "x".repeat(100)).statusCode());
        // A rotation keeps the previous token as the secondary; a second rotation retires it.
        secrets.add(TestPlatform.await(accounts.rotateToken(account.accountSid())).orElseThrow());
        json(http.get("/v1/Sims", bearer(account.authToken())), 200);
        String rotated = TestPlatform.await(accounts.rotateToken(account.accountSid())).orElseThrow();
        secrets.add(rotated);
        assertEquals(401, http.get("/v1/Sims", bearer(account.authToken())).statusCode(), "the first token is dead");
        json(http.get("/v1/Sims", bearer(rotated)), 200);
        demoToken = node.demo().authToken();
      } finally {
        node.close();
      }

      List<String> lines = node.output();
      assertTrue(lines.stream().anyMatch(l -> l.contains("\"operation\"")), "the JSON access log was written");
      for (String secret : secrets) {
        String basicForm = Base64.getEncoder().encodeToString((account.accountSid() + ":" + secret)
            .getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
          assertTrue(!line.contains(secret) && !line.contains(basicForm), "a secret was logged: " + line);
        }
      }
      // The one deliberate exception: the start-up banner shows the demo account's credentials.
      for (String line : lines) {
        if (line.contains(demoToken)) {
          assertTrue(line.startsWith("Demo account:") || line.startsWith("Try: curl"), "demo token logged: " + line);
        }
      }
      TestPlatform.await(pool.close());
    } finally {
      TestPlatform.await(vertx.close());
    }
  }

  private static JsonObject json(java.net.http.HttpResponse<String> response, int status) {
    return RawHttp.json(response, status);
  }


}
