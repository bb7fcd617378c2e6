package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.Await.awaitUntil;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scale-out story as separate processes on one Postgres: two API nodes (each with its own
 * in-process dispatcher) and two standalone dispatchers. A burst of SIM activations spread over
 * both nodes must complete on every SIM, and every callback must reach the receiver exactly once:
 * as many distinct idempotency tokens as callbacks expected, none received twice.
 */
class ScaleOutTest {

  private static final int SIMS = 100;

  @Test
  void twoApiNodesAndTwoDispatchersLoseNothingAndDeliverEachCallbackOnce() throws Exception {
    String masterKey = ServerProcess.randomMasterKey();
    Vertx vertx = Vertx.vertx();
    List<ServerProcess> processes = new ArrayList<>();
    long t0 = System.nanoTime();
    try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary(); CallbackReceiver receiver = new CallbackReceiver()) {
      DatabaseLocation db = database.location();
      Migrations.migrate(db);
      Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
      NewCredentials account = TestPlatform.await(new AccountService(pool, Duration.ofHours(1),
          SecretBox.fromBase64(masterKey)).create("scale-out", null));
      TestPlatform.importSims(pool, account.accountSid(), "scale", SIMS);

      Map<String, String> env = new HashMap<>(Map.of("WIRELESS_DB_URL", ServerProcess.dbUrl(db),
          "WIRELESS_MASTER_KEY", masterKey, "WIRELESS_PORT", "0", "WIRELESS_INSECURE_HTTP", "true",
          "WIRELESS_CARRIER_LATENCY", "50ms", "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8",
          "WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,200ms,500ms,1s,2s", "WIRELESS_RATE_LIMIT_BURST", "100000",
          "WIRELESS_CALLBACK_POLL_INTERVAL", "200ms"));
      env.put("WIRELESS_CALLBACK_LEASE", "10s");
      env.put("WIRELESS_CALLBACK_TIMEOUT", "3s");
      env.put("WIRELESS_PROVISIONING_WORKERS", "8");
      List<java.util.concurrent.CompletableFuture<ServerProcess>> starting = new ArrayList<>();
      for (String role : List.of("serve", "serve", "dispatcher", "dispatcher")) {
        Map<String, String> own = new HashMap<>(env);
        own.put("WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-node").toString());
        starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            return ServerProcess.start(own, role);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      List<RawHttp> nodes = new ArrayList<>();
      for (var process : starting) {
        processes.add(process.get(120, TimeUnit.SECONDS));
      }
      nodes.add(new RawHttp(processes.get(0).baseUrl()));
      nodes.add(new RawHttp(processes.get(1).baseUrl()));
      long started = System.nanoTime();
      System.out.printf("scale-out: database and 4 processes up in %d ms%n", (started - t0) / 1_000_000);
      String auth = bearer(account.authToken());
      String plan = RawHttp.json(nodes.get(0).postForm("/v1/RatePlans", auth, "UniqueName", "scale"), 201)
          .getString("sid");

      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < SIMS; i++) {
        RawHttp node = nodes.get(i % 2);
        String sim = "scale-" + i;
        sent.add(clients.submit(() -> node.postForm("/v1/Sims/" + sim, auth, "Status", "active", "RatePlan", plan,
            "CallbackUrl", receiver.url("/" + sim)).statusCode()));
      }
      for (Future<Integer> status : sent) {
        assertEquals(202, status.get(120, TimeUnit.SECONDS));
      }
      clients.shutdown();
      System.out.printf("scale-out: %d changes accepted in %d ms%n", SIMS, (System.nanoTime() - started) / 1_000_000);

      int expected = 2 * SIMS; // ready, then active
      awaitUntil(Duration.ofSeconds(120), () -> receiver.received().size() >= expected);
      System.out.printf("scale-out: %d callbacks received after %d ms%n", expected,
          (System.nanoTime() - started) / 1_000_000);
      awaitUntil(Duration.ofSeconds(30), () -> count(pool, "select count(*) from callback_deliveries "
          + "where state <> 'delivered'") == 0);
      Map<String, Long> perToken = receiver.received().stream().collect(Collectors.groupingBy(
          r -> r.headers().get("I-Twilio-Idempotency-Token"), Collectors.counting()));
      assertEquals(expected, perToken.size(), "one token per callback");
      assertTrue(perToken.values().stream().allMatch(n -> n == 1), "a callback was delivered twice: " + perToken);
      assertEquals(expected, receiver.received().size());
      for (int i = 0; i < SIMS; i++) {
        JsonObject sim = RawHttp.json(nodes.get((i + 1) % 2).get("/v1/Sims/scale-" + i, auth), 200);
        assertEquals("active", sim.getString("status"), sim.encode());
      }
      assertEquals(expected, count(pool, "select count(*) from callback_attempts"), "one attempt per callback");
      TestPlatform.await(pool.close());
    } finally {
      processes.parallelStream().forEach(process -> {
        try {
          process.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      TestPlatform.await(vertx.close());
    }
  }

  private static long count(Pool pool, String sql) {
    return TestPlatform.await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

}
