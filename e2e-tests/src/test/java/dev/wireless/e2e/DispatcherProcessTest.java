package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.callbacks.CallbackKind;
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.delivery.FormParameter;
import dev.wireless.callbacks.dispatch.CallbackDispatcher;
import dev.wireless.callbacks.dispatch.DispatcherSettings;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Scale-out and crash safety of delivery: {@code wireless-server.jar dispatcher} runs as its own
 * process, is killed with SIGKILL while a callback is on the wire, and another dispatcher rescues
 * the callback once the dead one's lease expires — delivered, with the same idempotency token.
 */
class DispatcherProcessTest {

  @Test
  void aDispatcherKilledMidSendLosesNothing() throws Exception {
    String masterKey = ServerProcess.randomMasterKey();
    Map<String, String> env = Map.of(
        "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8",
        "WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,100ms,200ms",
        "WIRELESS_CALLBACK_TIMEOUT", "3s",
        "WIRELESS_CALLBACK_LEASE", "4s",
        "WIRELESS_CALLBACK_POLL_INTERVAL", "200ms");
    Vertx vertx = Vertx.vertx();
    try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
      DatabaseLocation db = database.location();
      Migrations.migrate(db);
      Pool pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
      String account = TestPlatform.await(new AccountService(pool, Duration.ofHours(1),
          SecretBox.fromBase64(masterKey)).create("dispatch", null)).accountSid();

      List<HttpServerRequest> held = new CopyOnWriteArrayList<>();
      List<String> answeredTokens = new CopyOnWriteArrayList<>();
      HttpServer receiver = TestPlatform.await(vertx.createHttpServer().requestHandler(request -> {
        if (held.isEmpty()) {
          held.add(request);
        } else {
          answeredTokens.add(request.getHeader("kore-idempotency-token"));
          request.response().setStatusCode(200).end();
        }
      }).listen(0, "127.0.0.1"));

      String token = TestPlatform.await(pool.withTransaction(tx -> new CallbackOutbox(
          DispatcherSettings.fromEnvironment(env).retrySchedule()).enqueue(tx, new CallbackRequest(account,
          "DE" + "0".repeat(32), CallbackKind.SIM_STATUS, "http://127.0.0.1:" + receiver.actualPort() + "/cb", "POST",
          List.of(new FormParameter("Status", "active"))))));

      Map<String, String> dispatcherEnv = new java.util.HashMap<>(env);
      dispatcherEnv.put("WIRELESS_DB_URL", ServerProcess.dbUrl(db));
      dispatcherEnv.put("WIRELESS_MASTER_KEY", masterKey);
      ServerProcess first = ServerProcess.start(dispatcherEnv, "dispatcher");
      try {
        awaitUntil(Duration.ofSeconds(60), () -> !held.isEmpty());
        assertEquals(token, held.get(0).getHeader("kore-idempotency-token"));
      } finally {
        first.kill();
      }

      String rescuer = TestPlatform.await(vertx.deployVerticle(new CallbackDispatcher(pool,
          DispatcherSettings.fromEnvironment(env), new DatabaseSigningKeys(pool, SecretBox.fromBase64(masterKey)))));
      awaitUntil(Duration.ofSeconds(30), () -> !answeredTokens.isEmpty());
      assertEquals(List.of(token), answeredTokens, "rescued and delivered once, same idempotency token");
      awaitUntil(Duration.ofSeconds(10), () -> "delivered".equals(TestPlatform.await(pool
          .query("select state from callback_deliveries").execute()).iterator().next().getString(0)));
      TestPlatform.await(vertx.undeploy(rescuer));
      TestPlatform.await(pool.close());
    } finally {
      TestPlatform.await(vertx.close());
    }
  }
}
