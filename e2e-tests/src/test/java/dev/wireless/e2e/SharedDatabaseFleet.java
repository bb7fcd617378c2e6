package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;

import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A Postgres of its own (outside the node processes, as in a deployment), migrated, with one
 * account and {@code n} SIMs named {@code fleet-0…}, for tests that run packaged nodes against it:
 * the environment every node needs, and direct SQL to check what the nodes left in the database.
 */
final class SharedDatabaseFleet implements AutoCloseable {

  final EmbeddedDatabase database;
  final Vertx vertx = Vertx.vertx();
  final Pool pool;
  final String masterKey = ServerProcess.randomMasterKey();
  final NewCredentials account;
  private final int sims;

  SharedDatabaseFleet(int sims) {
    this.sims = sims;
    this.database = EmbeddedDatabase.startTemporary();
    DatabaseLocation db = database.location();
    Migrations.migrate(db);
    this.pool = PgBuilder.pool().connectingTo(db.connectOptions()).using(vertx).build();
    this.account = TestPlatform.await(new AccountService(pool, Duration.ofHours(1), SecretBox.fromBase64(masterKey))
        .create("fleet", null));
    TestPlatform.importSims(pool, account.accountSid(), "fleet", sims);
  }

  String auth() {
    return bearer(account.authToken());
  }

  /**
   * The environment of a node on this database (or on {@code dbPort}, e.g. a proxy in front of it),
   * with its own data directory, fast Command workers and callbacks to loopback allowed.
   */
  Map<String, String> nodeEnv(int dbPort) {
    DatabaseLocation db = database.location();
    Map<String, String> env = new HashMap<>();
    env.put("WIRELESS_DB_URL", "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + dbPort
        + "/" + db.database());
    env.put("WIRELESS_MASTER_KEY", masterKey);
    env.put("WIRELESS_PORT", "0");
    env.put("WIRELESS_INSECURE_HTTP", "true");
    env.put("WIRELESS_CARRIER_LATENCY", "50ms");
    env.put("WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8");
    env.put("WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,200ms,500ms,1s,2s,5s,5s,5s");
    env.put("WIRELESS_CALLBACK_POLL_INTERVAL", "200ms");
    env.put("WIRELESS_CALLBACK_LEASE", "10s");
    env.put("WIRELESS_CALLBACK_TIMEOUT", "3s");
    env.put("WIRELESS_RATE_LIMIT_BURST", "100000");
    env.put("WIRELESS_COMMAND_POLL", "200ms");
    env.put("WIRELESS_COMMAND_LEASE", "10s");
    env.put("WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-node").toString());
    return env;
  }

  Map<String, String> nodeEnv() {
    return nodeEnv(database.location().port());
  }

  /** Puts every SIM of the fleet on a new plan with messaging on, active (a node serves the API call). */
  void activate(RawHttp node) {
    String plan = RawHttp.json(node.postForm("/v1/RatePlans", auth(), "UniqueName", "fleet-plan"), 201).getString("sid");
    TestPlatform.await(pool.query("update sims set status = 'active', rate_plan_id = (select id from rate_plans "
        + "where sid = '" + plan + "') where account_sid = '" + account.accountSid() + "'").execute());
  }

  int size() {
    return sims;
  }

  long count(String sql) {
    return TestPlatform.await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  /** A TCP port that was free a moment ago (for processes that must come back on the same port). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    TestPlatform.await(pool.close());
    TestPlatform.await(vertx.close());
    database.close();
  }
}
