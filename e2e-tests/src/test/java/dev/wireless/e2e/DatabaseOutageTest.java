package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Postgres going away while the API runs: readiness flips to 503, requests fail fast with 503 and
 * the error body (never hang), and the node recovers by itself when the database returns.
 */
class DatabaseOutageTest {

  @Test
  void readinessAndRequestsFollowTheDatabase() throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-outage");
    EmbeddedDatabase database = EmbeddedDatabase.start(dataDir.resolve("pg"));
    DatabaseLocation db = database.location();
    Vertx vertx = Vertx.vertx();
    WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", dataDir.toString(), "WIRELESS_PORT", "0", "WIRELESS_HOST", "127.0.0.1",
        "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0", "WIRELESS_DEMO", "true",
        "WIRELESS_DB_URL", "postgresql://postgres:postgres@localhost:" + db.port() + "/postgres"))));
    RawHttp http = new RawHttp(server.baseUrl());
    String auth = bearer(server.demoCredentials().authToken());
    try {
      assertEquals(200, http.get("/health/ready", null).statusCode());
      assertEquals(200, http.get("/v1/RatePlans", auth).statusCode());

      database.close();
      long stopped = System.nanoTime();
      awaitUntil(Duration.ofSeconds(20), () -> http.get("/health/ready", null).statusCode() == 503);
      // Requests keep flowing for the whole outage (at least 10 s): each fails fast with the error body.
      int requests = 0;
      long slowest = 0;
      while (System.nanoTime() - stopped < TimeUnit.SECONDS.toNanos(10)) {
        long started = System.nanoTime();
        HttpResponse<String> during = requests % 2 == 0 ? http.get("/v1/RatePlans", auth)
            : http.postForm("/v1/RatePlans", auth, "UniqueName", "during-outage-" + requests);
        slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        assertError(during, 503, 20503);
        requests++;
      }
      assertTrue(slowest < 5_000, "every request failed fast; the slowest took " + slowest + " ms");
      System.out.printf("database outage: %d requests in 10 s, all 503/20503, slowest %d ms%n", requests, slowest);
      assertEquals(200, http.get("/health/live", null).statusCode(), "the process itself stays alive");

      database = EmbeddedDatabase.start(dataDir.resolve("pg"), db.port());
      awaitUntil(Duration.ofSeconds(30), () -> http.get("/health/ready", null).statusCode() == 200);
      awaitUntil(Duration.ofSeconds(30), () -> http.get("/v1/RatePlans", auth).statusCode() == 200);
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
      database.close();
    }
  }
}
