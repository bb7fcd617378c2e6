package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * PgBouncer (the Debian package) in front of Postgres: in session mode the node works as against
 * Postgres itself; in transaction mode, where its prepared statements and LISTEN would fail at
 * random, it refuses to start and says why.
 */
class PgBouncerTest {

  @Test
  void sessionModeWorksAndTransactionModeIsRefused() throws Exception {
    try (EmbeddedDatabase database = EmbeddedDatabase.startTemporary()) {
      try (Bouncer session = Bouncer.start(database.location(), "session")) {
        Vertx vertx = Vertx.vertx();
        WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
            "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-bouncer").toString(), "WIRELESS_PORT", "0",
            "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_DEMO", "true",
            "WIRELESS_SIMULATED_TRAFFIC", "false", "WIRELESS_RATE_LIMIT", "0",
            "WIRELESS_DB_URL", session.url()))));
        try {
          RawHttp http = new RawHttp(server.baseUrl());
          String auth = bearer(server.demoCredentials().authToken());
          int ok = 0;
          for (int i = 0; i < 100; i++) {
            int status = i % 2 == 0 ? http.get("/v1/RatePlans", auth).statusCode()
                : http.postForm("/v1/RatePlans", auth, "UniqueName", "bounced-" + UUID.randomUUID()).statusCode();
            ok += status == 200 || status == 201 ? 1 : 0;
          }
          assertEquals(100, ok, "every request through PgBouncer in session mode succeeded");
          assertEquals(200, http.get("/health/ready", null).statusCode());
        } finally {
          TestPlatform.await(server.stop());
          TestPlatform.await(vertx.close());
        }
      }
      try (Bouncer transaction = Bouncer.start(database.location(), "transaction")) {
        ServerProcess refused = ServerProcess.start(Map.of("WIRELESS_DB_URL", transaction.url(),
            "WIRELESS_MASTER_KEY", ServerProcess.randomMasterKey()), "migrate");
        assertEquals(1, refused.awaitExit(60));
        String output = String.join("\n", refused.output());
        assertTrue(output.contains("connection pooler in transaction mode"), output);
        assertTrue(output.contains("pool_mode = session"), output);
        System.out.println("PgBouncer: session mode 100 of 100 requests succeeded; transaction mode refused: "
            + output.lines().filter(l -> l.contains("transaction mode")).findFirst().orElse(""));
      }
    }
  }

  /** A pgbouncer process for one test, run as the {@code postgres} user (it refuses root). */
  private record Bouncer(Process process, int port) implements AutoCloseable {

    static Bouncer start(DatabaseLocation db, String mode) throws Exception {
      Path dir = ScratchDirectories.create("pgbouncer");
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Files.writeString(dir.resolve("users.txt"), "\"" + db.user() + "\" \"" + db.password() + "\"\n");
      Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
          "[databases]",
          db.database() + " = host=127.0.0.1 port=" + db.port() + " dbname=" + db.database(),
          "[pgbouncer]",
          "listen_addr = 127.0.0.1",
          "listen_port = " + port,
          "unix_socket_dir =",
          "auth_type = trust",
          "auth_file = " + dir.resolve("users.txt"),
          "pool_mode = " + mode,
          "ignore_startup_parameters = extra_float_digits,statement_timeout,idle_in_transaction_session_timeout",
          "logfile = " + dir.resolve("pgbouncer.log"),
          ""));
      for (String file : List.of("users.txt", "pgbouncer.ini")) {
        Files.setPosixFilePermissions(dir.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
      }
      String binary = Files.exists(Path.of("/usr/sbin/pgbouncer")) ? "/usr/sbin/pgbouncer" : "pgbouncer";
      List<String> command = "root".equals(System.getProperty("user.name"))
          ? List.of(binary, "-u", "postgres", dir.resolve("pgbouncer.ini").toString())
          : List.of(binary, dir.resolve("pgbouncer.ini").toString());
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (true) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
          return new Bouncer(process, port);
        } catch (java.io.IOException notYet) {
          assertTrue(process.isAlive(), () -> "pgbouncer exited: " + read(dir.resolve("stdout.log"))
              + read(dir.resolve("pgbouncer.log")));
          assertTrue(System.nanoTime() < deadline, "pgbouncer did not listen");
          Thread.sleep(50);
        }
      }
    }

    String url() {
      return "postgresql://postgres:postgres@127.0.0.1:" + port + "/postgres";
    }

    private static String read(Path file) {
      try {
        return Files.exists(file) ? Files.readString(file) : "";
      } catch (java.io.IOException e) {
        return "";
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
