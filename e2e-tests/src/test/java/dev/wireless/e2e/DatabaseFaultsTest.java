package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults between a node and its external Postgres, injected by a {@link TcpProxy} on the wire and
 * by the database itself: a half-open partition, reset connections, a connection lost during
 * COMMIT (both outcomes) and a database that refuses writes. Requests never wait past the node's
 * deadline, answer 503 with {@code Retry-After}, readiness follows, and the node recovers alone.
 */
class DatabaseFaultsTest {

  private static final long REQUEST_TIMEOUT_MS = 3_000;

  private static EmbeddedDatabase database;
  private static TcpProxy proxy;
  private static Vertx vertx;
  private static WirelessServer server;
  private static Pool direct;
  private static RawHttp http;
  private static String auth;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-db-faults");
    database = EmbeddedDatabase.start(dataDir.resolve("pg"));
    proxy = new TcpProxy("localhost", database.location().port());
    vertx = Vertx.vertx();
    server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.ofEntries(
        Map.entry("WIRELESS_DATA_DIR", dataDir.toString()), Map.entry("WIRELESS_PORT", "0"),
        Map.entry("WIRELESS_HOST", "127.0.0.1"), Map.entry("WIRELESS_INSECURE_HTTP", "true"),
        Map.entry("WIRELESS_PROVISIONING_WORKERS", "0"), Map.entry("WIRELESS_COMMAND_WORKERS", "0"),
        Map.entry("WIRELESS_SIMULATED_TRAFFIC", "false"), Map.entry("WIRELESS_DEMO", "true"),
        Map.entry("WIRELESS_RATE_LIMIT", "0"),
        Map.entry("WIRELESS_REQUEST_TIMEOUT", REQUEST_TIMEOUT_MS + "ms"),
        Map.entry("WIRELESS_DB_CONNECT_TIMEOUT", "2s"),
        Map.entry("WIRELESS_DB_URL", "postgresql://postgres:postgres@localhost:" + proxy.port() + "/postgres")))));
    direct = PgBuilder.pool().connectingTo(database.location().connectOptions()).using(vertx).build();
    http = new RawHttp(server.baseUrl());
    auth = bearer(server.demoCredentials().authToken());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.forward();
    TestPlatform.await(server.stop());
    TestPlatform.await(direct.close());
    TestPlatform.await(vertx.close());
    proxy.close();
    database.close();
  }

  @Test
  void aHalfOpenPartitionAnswers503WithinTheDeadlineAndHeals() throws Exception {
    assertEquals(200, http.get("/v1/RatePlans", auth).statusCode());
    proxy.blackHole();
    long partitioned = System.nanoTime();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<long[]>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        int n = i;
        calls.add(clients.submit(() -> {
          long started = System.nanoTime();
          HttpResponse<String> response = n % 2 == 0 ? http.get("/v1/RatePlans", auth)
              : http.postForm("/v1/RatePlans", auth, "UniqueName", "partition-" + n + "-" + UUID.randomUUID());
          long took = (System.nanoTime() - started) / 1_000_000;
          // a read is 20503; a change is 20504 when its statement was already on the black-holed
          // connection at the deadline (its outcome unknown), 20503 when it never got a connection
          // (the pool's connect timeout, 2 s, came first: nothing was done)
          int code = new io.vertx.core.json.JsonObject(response.body()).getInteger("code", 0);
          assertError(response, 503, n % 2 == 0 ? 20503 : code == 20503 ? 20503 : 20504);
          assertEquals("1", response.headers().firstValue("Retry-After").orElse(null), response.body());
          return new long[] {took};
        }));
      }
      long slowest = 0;
      for (Future<long[]> call : calls) {
        slowest = Math.max(slowest, call.get()[0]);
      }
      assertTrue(slowest < REQUEST_TIMEOUT_MS + 1_500, "no request waits past the deadline; slowest " + slowest + " ms");
      awaitUntil(Duration.ofSeconds(10), () -> http.get("/health/ready", null).statusCode() == 503);
      long detected = (System.nanoTime() - partitioned) / 1_000_000;

      proxy.forward();
      long healed = System.nanoTime();
      awaitUntil(Duration.ofSeconds(10), () -> http.get("/health/ready", null).statusCode() == 200
          && http.get("/v1/RatePlans", auth).statusCode() == 200);
      long recovered = (System.nanoTime() - healed) / 1_000_000;
      System.out.printf("half-open partition: 8 requests all 503 with Retry-After, slowest %d ms (deadline %d ms);"
          + " readiness 503 after %d ms; serving %d ms after the network healed%n",
          slowest, REQUEST_TIMEOUT_MS, detected, recovered);
    } finally {
      proxy.forward();
      clients.shutdownNow();
    }
  }

  @Test
  void resetConnectionsAreReplacedByThePool() {
    assertEquals(200, http.get("/v1/RatePlans", auth).statusCode());
    proxy.resetAll();
    long reset = System.nanoTime();
    int failed = 0;
    long slowest = 0;
    while (true) {
      long started = System.nanoTime();
      HttpResponse<String> response = http.get("/v1/RatePlans", auth);
      slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
      if (response.statusCode() == 200) {
        break;
      }
      assertError(response, 503, 20503);
      assertTrue(response.headers().firstValue("Retry-After").isPresent());
      failed++;
      assertTrue(System.nanoTime() - reset < Duration.ofSeconds(10).toNanos(), "serving again within 10 s");
    }
    long recovered = (System.nanoTime() - reset) / 1_000_000;
    assertTrue(slowest < REQUEST_TIMEOUT_MS + 1_500, "slowest " + slowest + " ms");
    System.out.printf("reset of every database connection: %d requests 503, serving again after %d ms%n",
        failed, recovered);
  }

  @Test
  void aCommitWhoseAnswerIsLostIsReplayedFromTheIdempotencyKey() {
    String key = "commit-lost-" + UUID.randomUUID();
    String text = "after-commit " + key;
    proxy.cutAtCommit(key, true);
    HttpResponse<String> first = http.postFormWithHeader("/v1/Commands", auth, "Idempotency-Key", key,
        "Sim", "demo-active-1", "Command", text);
    JsonObject error = assertError(first, 503, 20504);
    assertTrue(error.getString("message").contains("Idempotency-Key"), error.encode());
    assertTrue(first.headers().firstValue("Retry-After").isPresent());
    assertTrue(proxy.cutDone(), "the connection was cut during COMMIT");

    HttpResponse<String> retry = http.postFormWithHeader("/v1/Commands", auth, "Idempotency-Key", key,
        "Sim", "demo-active-1", "Command", text);
    JsonObject replayed = json(retry, 201);
    assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null), "the stored reply");
    assertEquals(text, replayed.getString("command"));
    assertEquals(1, commandsWithText(text), "the work was done once");
  }

  @Test
  void aCommitLostBeforeItArrivedRunsAgainOnRetry() {
    String key = "commit-never-sent-" + UUID.randomUUID();
    String text = "before-commit " + key;
    proxy.cutAtCommit(key, false);
    assertError(http.postFormWithHeader("/v1/Commands", auth, "Idempotency-Key", key, "Sim", "demo-active-1", "Command", text),
        503, 20504);
    assertTrue(proxy.cutDone());
    assertEquals(0, commandsWithText(text), "nothing was committed");

    // the key is released once the node learns the work did not commit; until then a retry may see 409
    List<Integer> statuses = new ArrayList<>();
    awaitUntil(Duration.ofSeconds(10), () -> {
      HttpResponse<String> retry = http.postFormWithHeader("/v1/Commands", auth, "Idempotency-Key", key,
          "Sim", "demo-active-1", "Command", text);
      statuses.add(retry.statusCode());
      if (retry.statusCode() == 201) {
        assertTrue(retry.headers().firstValue("Idempotent-Replayed").isEmpty(), "it ran for real");
        return true;
      }
      assertError(retry, 409, 20409);
      return false;
    });
    assertEquals(1, commandsWithText(text), "done exactly once; retries answered " + statuses);
  }

  @Test
  void aDatabaseThatRefusesWritesAnswers503AndIsNotReady() {
    assertEquals(200, http.get("/health/ready", null).statusCode());
    sql("alter system set default_transaction_read_only = on");
    sql("select pg_reload_conf()");
    try {
      awaitUntil(Duration.ofSeconds(10), () -> {
        HttpResponse<String> write = http.postForm("/v1/RatePlans", auth, "UniqueName", "read-only-" + UUID.randomUUID());
        if (write.statusCode() == 201) {
          return false; // the configuration reload has not reached every connection yet
        }
        assertError(write, 503, 20503);
        assertTrue(write.headers().firstValue("Retry-After").isPresent());
        return true;
      });
      assertEquals(200, http.get("/v1/RatePlans", auth).statusCode(), "reads still work");
      HttpResponse<String> ready = http.get("/health/ready", null);
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("25006"), ready.body());
    } finally {
      sql("set default_transaction_read_only = off", "alter system reset default_transaction_read_only");
      sql("select pg_reload_conf()");
    }
    long restored = System.nanoTime();
    awaitUntil(Duration.ofSeconds(20), () -> http.postForm("/v1/RatePlans", auth,
        "UniqueName", "writable-" + UUID.randomUUID()).statusCode() == 201);
    awaitUntil(Duration.ofSeconds(20), () -> http.get("/health/ready", null).statusCode() == 200);
    System.out.printf("read-only database: writes 503/20503, readiness 503 (25006); ready again %d ms after%n",
        (System.nanoTime() - restored) / 1_000_000);
  }

  private static int commandsWithText(String text) {
    return TestPlatform.await(direct.preparedQuery("select count(*) from commands where command = $1")
        .execute(io.vertx.sqlclient.Tuple.of(text))).iterator().next().getInteger(0);
  }

  /** Runs the statements one after the other on one connection of the direct pool. */
  private static void sql(String... statements) {
    TestPlatform.await(direct.withConnection(conn -> {
      io.vertx.core.Future<?> done = io.vertx.core.Future.succeededFuture();
      for (String statement : statements) {
        done = done.compose(v -> conn.query(statement).execute());
      }
      return done.mapEmpty();
    }));
  }
}
