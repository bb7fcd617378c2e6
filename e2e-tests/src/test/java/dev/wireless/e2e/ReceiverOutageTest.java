package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.TestPlatform.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A customer's callback receiver that is down while a burst of 900 status changes and 100 Commands
 * (1,000 callbacks) is accepted:
 * first nothing listens (connection refused), then it answers 500, then it hangs past the
 * callback timeout, then it recovers. Every callback must then be delivered, none failed, with
 * the same idempotency token in every attempt of one event.
 */
class ReceiverOutageTest {

  private static final int CHANGES = 900;
  private static final int COMMANDS = 100;
  private static final int EVENTS = CHANGES + COMMANDS;

  /** The callbacks of this burst: Sim status changes and Command outcomes (not the demo's). */
  private static final String KINDS = "('sim.status', 'command.status')";

  private enum Mode { ERROR_500, HANG, OK }

  @Test
  void everyCallbackArrivesAfterTheReceiverRecovers() throws Exception {
    Vertx vertx = Vertx.vertx();
    int receiverPort = freePort();
    Map<String, String> env = new HashMap<>(Map.of("WIRELESS_DATA_DIR",
        ScratchDirectories.create("wireless-outage").toString(), "WIRELESS_PORT", "0", "WIRELESS_HOST", "127.0.0.1",
        "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_CARRIER_LATENCY", "0s", "WIRELESS_PROVISIONING_WORKERS", "8",
        "WIRELESS_PROVISIONING_POLL", "20ms", "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8",
        "WIRELESS_RATE_LIMIT_BURST", "100000"));
    env.putAll(Map.of("WIRELESS_COMMAND_POLL", "20ms", "WIRELESS_CARRIER_SMS_RECEIPT_DELAY", "10ms"));
    env.putAll(Map.of("WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,250ms,500ms" + ",1s".repeat(90),
        "WIRELESS_CALLBACK_TIMEOUT", "500ms", "WIRELESS_CALLBACK_CONNECT_TIMEOUT", "500ms",
        "WIRELESS_CALLBACK_LEASE", "3s", "WIRELESS_CALLBACK_POLL_INTERVAL", "100ms"));
    WirelessServer server = await(WirelessServer.start(vertx, ServerConfig.from(env)));
    Pool pool = PgBuilder.pool().connectingTo(server.database().location().connectOptions()).using(vertx).build();
    HttpServer receiver = null;
    try {
      var account = await(new dev.wireless.server.accounts.AccountService(pool, Duration.ofHours(1),
          server.secrets()).create("outage", null));
      TestPlatform.importSims(pool, account.accountSid(), "burst", EVENTS);
      RawHttp http = new RawHttp("http://127.0.0.1:" + server.port());
      String auth = bearer(account.authToken());
      RawHttp.json(http.postForm("/v1/RatePlans", auth, "UniqueName", "burst"), 201);
      await(pool.query("update sims set status = 'active', rate_plan_id = (select id from rate_plans where unique_name"
          + " = 'burst' and account_sid = '" + account.accountSid() + "') where account_sid = '"
          + account.accountSid() + "'").execute());

      String callbackUrl = "http://127.0.0.1:" + receiverPort + "/sims";
      ExecutorService clients = Executors.newFixedThreadPool(16);
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < CHANGES; i++) {
        String sim = "burst-" + i;
        sent.add(clients.submit(() -> http.postForm("/v1/Sims/" + sim, auth, "Status", "suspended",
            "CallbackUrl", callbackUrl).statusCode()));
      }
      for (int i = CHANGES; i < EVENTS; i++) {
        String sim = "burst-" + i;
        sent.add(clients.submit(() -> http.postForm("/v1/Commands", auth, "Sim", sim, "Command", "wake up",
            "CallbackUrl", callbackUrl + "/commands").statusCode()));
      }
      for (int i = 0; i < sent.size(); i++) {
        assertEquals(i < CHANGES ? 202 : 201, sent.get(i).get(120, TimeUnit.SECONDS));
      }
      clients.shutdown();

      // Phase 1: nothing listens.
      awaitUntil(Duration.ofSeconds(60), () -> count(pool, "http_status is null") >= 100);
      AtomicReference<Mode> mode = new AtomicReference<>(Mode.ERROR_500);
      Map<String, Set<String>> tokensBySim = new ConcurrentHashMap<>();
      Set<String> delivered = ConcurrentHashMap.newKeySet();
      receiver = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        String token = request.getHeader("I-Twilio-Idempotency-Token");
        String sim = body.toString().replaceAll("^(?:.*&)?SimUniqueName=([^&]*).*$", "$1");
        tokensBySim.computeIfAbsent(sim, k -> ConcurrentHashMap.newKeySet()).add(token);
        switch (mode.get()) {
          case ERROR_500 -> request.response().setStatusCode(500).end("down for maintenance");
          case HANG -> { } // never answers: the dispatcher's timeout ends the attempt
          case OK -> {
            delivered.add(token);
            request.response().setStatusCode(204).end();
          }
        }
      })).listen(receiverPort, "127.0.0.1"));
      // Phase 2: 500s.
      awaitUntil(Duration.ofSeconds(60), () -> count(pool, "http_status = 500") >= 100);
      mode.set(Mode.HANG);
      long hangStarted = count(pool, "http_status is null");
      // Phase 3: timeouts.
      awaitUntil(Duration.ofSeconds(60), () -> count(pool, "http_status is null") >= hangStarted + 50);
      mode.set(Mode.OK);

      awaitUntil(Duration.ofSeconds(120), () -> countDeliveries(pool, "state = 'delivered'") == EVENTS);
      assertEquals(0, countDeliveries(pool, "state = 'failed'"));
      Set<String> expectedTokens = new HashSet<>();
      for (Row row : await(pool.query("select idempotency_token from callback_deliveries where kind in "
          + KINDS).execute())) {
        expectedTokens.add(row.getString(0));
      }
      assertEquals(EVENTS, expectedTokens.size());
      assertEquals(expectedTokens, delivered, "every callback delivered once recovered");
      assertEquals(EVENTS, tokensBySim.size(), "a callback for every SIM");
      tokensBySim.forEach((sim, tokens) -> assertEquals(1, tokens.size(), sim + " saw tokens " + tokens));
      System.out.printf("receiver outage: %d callbacks, %d attempts (%d refused/timed out, %d answered 500)%n",
          EVENTS, count(pool, "true"), count(pool, "http_status is null"), count(pool, "http_status = 500"));
      assertTrue(count(pool, "http_status = 500") >= 100);
    } finally {
      if (receiver != null) {
        await(receiver.close());
      }
      await(pool.close());
      await(server.stop());
      await(vertx.close());
    }
  }

  private static long count(Pool pool, String attemptCondition) {
    return await(pool.query("select count(*) from callback_attempts where " + attemptCondition).execute())
        .iterator().next().getLong(0);
  }

  private static long countDeliveries(Pool pool, String condition) {
    return await(pool.query("select count(*) from callback_deliveries where kind in " + KINDS + " and " + condition)
        .execute()).iterator().next().getLong(0);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
