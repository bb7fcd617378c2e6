package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.TestPlatform.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.http.ApiRouter;
import dev.wireless.server.sims.Iccids;
import dev.wireless.server.sims.ProvisioningJobRepository;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Status changes end to end on a platform of its own (carrier latency 0s, timed transitions shrunk to
 * one second): 202 → final status by GET → the callbacks enqueued with the final status. The
 * callback dispatcher is not deployed by the server yet, so callbacks are asserted on the outbox
 * rows handed to it ({@code callback_deliveries}), in order.
 */
class SimLifecycleTest extends ContractCheck {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final String CALLBACK = "https://receiver.example.com/sims";

  private static Vertx vertx;
  private static ContractProxy proxy;
  private static Path dataDir;
  private static WirelessServer server;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    proxy = new ContractProxy(vertx, await(ApiRouter.validationContract(vertx)));
    dataDir = ScratchDirectories.create("wireless-sims");
    server = startNode(dataDir, 2);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      await(server.stop());
    }
    vertx.close();
  }

  @AfterEach
  void ownProxyResponsesMatchedTheContract() {
    List<String> violations = List.copyOf(proxy.violations());
    proxy.violations().clear();
    assertEquals(List.of(), violations, "responses that do not match wireless.yaml");
  }

  @Test
  void activatingANewSimFiresTwoCallbacksReadyThenActive() {
    Fixture sim = fixture(server, "basic");
    JsonObject accepted = json(http().postForm("/v1/Sims/" + sim.sid, sim.auth, "Status", "active",
        "CallbackUrl", CALLBACK), 202);
    assertEquals("updating", accepted.getString("status"));
    awaitStatus(sim, "active");
    awaitCallbacks(server, sim.sid, 2);
    List<Map<String, String>> callbacks = callbacks(server, sim.sid);
    assertEquals(List.of("ready", "active"), callbacks.stream().map(c -> c.get("Status")).toList());
    Map<String, String> last = callbacks.get(1);
    assertEquals(sim.account.accountSid(), last.get("AccountSid"));
    assertEquals(sim.sid, last.get("SimSid"));
    assertEquals("sim-0", last.get("SimUniqueName"));
    assertEquals(sim.plan, last.get("RatePlanSid"));
    assertEquals("", last.get("ResetStatus"));
    assertEquals("v1", last.get("ApiVersion"));
  }

  @Test
  void everyAllowedTransitionCompletesWithItsCallbacks() {
    Fixture sim = fixture(server, "basic");
    step(sim, "ready", "ready");
    awaitStatus(sim, "active"); // ready → active by the scheduler
    awaitCallbacks(server, sim.sid, 2);
    step(sim, "suspended", "suspended");
    step(sim, "active", "active");
    step(sim, "suspended", "suspended");
    step(sim, "deactivated", "deactivated");
    awaitStatus(sim, "canceled"); // deactivated → canceled by the scheduler
    awaitCallbacks(server, sim.sid, 7);
    assertEquals(List.of("ready", "active", "suspended", "active", "suspended", "deactivated", "canceled"),
        callbacks(server, sim.sid).stream().map(c -> c.get("Status")).toList());
    assertError(http().postForm("/v1/Sims/" + sim.sid, sim.auth, "Status", "active"), 400, 33105);
  }

  @Test
  void aConnectivityResetAnswers202AndEndsWithACallback() {
    Fixture sim = fixture(server, "basic");
    step(sim, "active", "active");
    awaitCallbacks(server, sim.sid, 2);
    JsonObject resetting = json(http().postForm("/v1/Sims/" + sim.sid, sim.auth, "ResetStatus", "resetting",
        "CallbackUrl", CALLBACK, "CallbackMethod", "GET"), 202);
    assertEquals("resetting", resetting.getString("reset_status"));
    assertEquals("active", resetting.getString("status"));
    awaitCallbacks(server, sim.sid, 3);
    JsonObject done = json(http().get("/v1/Sims/" + sim.sid, sim.auth), 200);
    assertEquals(null, done.getValue("reset_status"));
    assertEquals("active", callbacks(server, sim.sid).get(2).get("Status"));
    assertEquals("GET", callbacks(server, sim.sid).get(2).get("#method"));
  }

  @Test
  void anAcceptedChangeSurvivesARestartAndACrashedWorker() throws Exception {
    Path dir = ScratchDirectories.create("wireless-sims-restart");
    WirelessServer first = startNode(dir, 0);
    Fixture sim = fixture(first, "basic");
    json(http().postForm("/v1/Sims/" + sim.sid, sim.auth, "Status", "active", "CallbackUrl", CALLBACK), 202);
    Pool pool = PgBuilder.pool().connectingTo(first.database().location().connectOptions()).using(vertx).build();
    var everyKind = ProvisioningJobRepository.claimOf(List.of());
    assertEquals(1, await(new ProvisioningJobRepository(pool).claim(everyKind, "crashed-worker", 10,
        Duration.ofMillis(1))).size());
    await(pool.close());
    await(first.stop());

    WirelessServer second = startNode(dir, 2);
    try {
      awaitStatus(sim, "active");
      awaitCallbacks(second, sim.sid, 2);
      assertEquals(List.of("ready", "active"), callbacks(second, sim.sid).stream().map(c -> c.get("Status")).toList());
      assertEquals(2L, scalar(second, "select attempts from provisioning_jobs where origin = 'request' and sim_id = "
          + "(select id from sims where sid = '" + sim.sid + "')"));
    } finally {
      await(second.stop());
      proxy.target(server.port());
    }
  }

  private void step(Fixture sim, String target, String expected) {
    JsonObject accepted = json(http().postForm("/v1/Sims/" + sim.sid, sim.auth, "Status", target,
        "CallbackUrl", CALLBACK), 202);
    assertEquals("updating", accepted.getString("status"));
    awaitStatus(sim, expected);
  }

  private void awaitStatus(Fixture sim, String status) {
    awaitUntil(DEADLINE, () -> status.equals(json(http().get("/v1/Sims/" + sim.sid, sim.auth), 200)
        .getString("status")));
  }

  private static void awaitCallbacks(WirelessServer node, String simSid, int count) {
    awaitUntil(DEADLINE, () -> callbacks(node, simSid).size() >= count);
    assertEquals(count, callbacks(node, simSid).size(), "exactly " + count + " callbacks");
  }

  /** A new account with a rate plan and one imported SIM ({@code sim-0}) on it. */
  private Fixture fixture(WirelessServer node, String planName) {
    Pool pool = PgBuilder.pool().connectingTo(node.database().location().connectOptions()).using(vertx).build();
    try {
      NewCredentials account = await(new AccountService(pool, Duration.ofHours(1), node.secrets())
          .create("lifecycle", null));
      await(new SimInventory(pool).importFile(account.accountSid(),
          List.of("iccid,unique_name", Iccids.random("03") + ",sim-0")));
      String auth = bearer(account.authToken());
      String plan = json(http().postForm("/v1/RatePlans", auth, "UniqueName", planName), 201).getString("sid");
      JsonObject sim = json(http().postForm("/v1/Sims/sim-0", auth, "RatePlan", planName), 200);
      return new Fixture(account, auth, sim.getString("sid"), plan);
    } finally {
      pool.close();
    }
  }

  private record Fixture(NewCredentials account, String auth, String sid, String plan) {
  }

  private static RawHttp http() {
    return new RawHttp("http://127.0.0.1:" + proxyPort());
  }

  private static int proxyPort() {
    return Integer.parseInt(proxyBase().substring(proxyBase().lastIndexOf(':') + 1));
  }

  private static String proxyBase;

  private static String proxyBase() {
    return proxyBase;
  }

  private static WirelessServer startNode(Path dir, int workers) {
    if (proxyBase == null) {
      proxyBase = "http://127.0.0.1:" + await(proxy.listen());
    }
    Map<String, String> env = new HashMap<>();
    env.put("WIRELESS_DATA_DIR", dir.toString());
    env.put("WIRELESS_PORT", "0");
    env.put("WIRELESS_HOST", "127.0.0.1");
    env.put("WIRELESS_PUBLIC_BASE_URL", proxyBase);
    env.put("WIRELESS_CARRIER_LATENCY", "0s");
    env.put("WIRELESS_SIM_CANCEL_AFTER", "1s");
    env.put("WIRELESS_SIM_ACTIVATE_AFTER", "1s");
    env.put("WIRELESS_PROVISIONING_WORKERS", String.valueOf(workers));
    env.put("WIRELESS_PROVISIONING_POLL", "20ms");
    env.put("WIRELESS_PROVISIONING_LEASE", "5s");
    WirelessServer node = await(WirelessServer.start(vertx, ServerConfig.from(env)));
    proxy.target(node.port());
    return node;
  }

  private static List<Map<String, String>> callbacks(WirelessServer node, String simSid) {
    List<Map<String, String>> out = new ArrayList<>();
    DatabaseLocation db = node.database().location();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rows = c.createStatement().executeQuery(
             "select body, url, method, kind from callback_deliveries where resource_sid = '" + simSid
                 + "' order by id")) {
      while (rows.next()) {
        Map<String, String> params = new HashMap<>();
        for (String pair : rows.getString(1).split("&")) {
          int eq = pair.indexOf('=');
          params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        params.put("#method", rows.getString(3));
        assertEquals(CALLBACK, rows.getString(2));
        assertEquals("sim.status", rows.getString(4));
        out.add(params);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static long scalar(WirelessServer node, String query) {
    DatabaseLocation db = node.database().location();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rows = c.createStatement().executeQuery(query)) {
      assertTrue(rows.next());
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
