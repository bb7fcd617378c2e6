package dev.wireless.e2e;

import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.http.ApiRouter;
import dev.wireless.server.ops.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One platform for the whole e2e run: a real server (HTTPS, port 0) on an embedded Postgres in a
 * temporary data directory, reached through the {@link ContractProxy}. Its public base URL is the
 * proxy, so every {@code url} and {@code meta} link the server builds also goes through the contract
 * check. Tests isolate themselves by creating their own accounts.
 */
final class TestPlatform {

  private static TestPlatform instance;

  private final Vertx vertx;
  private final WirelessServer server;
  private final ContractProxy proxy;
  private final String baseUrl;
  private final Pool pool;
  private final AccountService accounts;

  private TestPlatform(Vertx vertx, WirelessServer server, ContractProxy proxy, String baseUrl) {
    this.vertx = vertx;
    this.server = server;
    this.proxy = proxy;
    this.baseUrl = baseUrl;
    this.pool = PgBuilder.pool().connectingTo(server.database().location().connectOptions()).using(vertx).build();
    this.accounts = new AccountService(pool, Duration.ofHours(1), server.secrets());
  }

  static synchronized TestPlatform get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> await(instance.server.stop())));
    }
    return instance;
  }

  private static TestPlatform start() {
    try {
      Vertx vertx = Telemetry.newVertx(Runtime.getRuntime().availableProcessors());
      Path dataDir = ScratchDirectories.create("wireless-e2e");
      ContractProxy proxy = new ContractProxy(vertx, await(ApiRouter.validationContract(vertx)));
      int proxyPort = await(proxy.listen());
      String baseUrl = "http://127.0.0.1:" + proxyPort;
      ServerConfig config = ServerConfig.from(withSharedClientAddress(CommandsFixture.withCommandSettings(withUsageSettings(Map.of(
          "WIRELESS_DATA_DIR", dataDir.toString(),
          "WIRELESS_PORT", "0",
          "WIRELESS_HOST", "127.0.0.1",
          "WIRELESS_PUBLIC_BASE_URL", baseUrl,
          "WIRELESS_CARRIER_LATENCY", "1s",
          "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8",
          "WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,20ms,40ms",
          "WIRELESS_CALLBACK_TIMEOUT", "2s",
          "WIRELESS_CALLBACK_POLL_INTERVAL", "100ms",
          "WIRELESS_RATE_LIMIT_BURST", "5000")))));
      WirelessServer server = await(WirelessServer.start(vertx, config));
      proxy.target(server.port());
      return new TestPlatform(vertx, server, proxy, baseUrl);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the platform for e2e tests", e);
    }
  }

  /** The operator's token for {@code POST /network/v1/Events}. */
  static final String OPERATOR_TOKEN = "e2e-operator-token";

  /** Usage tests need a quiet network: no simulated traffic, a known operator token. */
  private static Map<String, String> withUsageSettings(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("WIRELESS_SIMULATED_TRAFFIC", "false");
    all.put("WIRELESS_OPERATOR_TOKEN", OPERATOR_TOKEN);
    return all;
  }

  /**
   * Every test reaches the server from the proxy's one address, and many fail authentication on
   * purpose: the throttle of failed authentications per address gets room for the whole run
   * ({@code AuthFailureThrottleTest} runs a server of its own with a small one).
   */
  private static Map<String, String> withSharedClientAddress(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("WIRELESS_AUTH_FAILURE_LIMIT", "1000000");
    all.put("WIRELESS_AUTH_FAILURE_BURST", "1000000");
    return all;
  }

  /** Base URL the tests call (the contract-checking proxy). */
  String baseUrl() {
    return baseUrl;
  }

  WirelessServer server() {
    return server;
  }

  ContractProxy proxy() {
    return proxy;
  }

  /** Rotates an account's Auth Token from outside the server (as the operator's CLI does); the new token. */
  String rotateToken(String accountSid) {
    return await(accounts.rotateToken(accountSid)).orElseThrow();
  }

  /** A new account with its own credentials. */
  NewCredentials newAccount() {
    return await(accounts.create("e2e account", null));
  }

  /**
   * Loads {@code n} new SIMs (unique names {@code <prefix>-0…}) into an account through the
   * operator's inventory import, the only way SIMs enter the platform; returns their ICCIDs.
   */
  java.util.List<String> importSims(String accountSid, String prefix, int n) {
    return importSims(pool, accountSid, prefix, n);
  }

  /** {@link #importSims(String, String, int)} into the database behind {@code target}. */
  static java.util.List<String> importSims(Pool target, String accountSid, String prefix, int n) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("iccid,eid,registration_code,unique_name,friendly_name");
    for (int i = 0; i < n; i++) {
      lines.add(dev.wireless.server.sims.Iccids.random("01") + "," + String.format("%032d", 89049032000000000L + i)
          + ",RC-" + i + "," + prefix + "-" + i + ",SIM " + i);
    }
    await(new dev.wireless.server.sims.SimInventory(target).importFile(accountSid, lines));
    return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
  }

  /** Runs one SQL statement directly on the database (test set-up that has no API, e.g. expiring a token). */
  int sql(String statement) {
    DatabaseLocation db = server.database().location();
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      return connection.createStatement().executeUpdate(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
