package dev.wireless.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The database the platform uses: the configured one ({@code WIRELESS_DB_URL}), or the embedded
 * Postgres in the data directory. When the embedded server is already running (started by the
 * API server while an operator runs a CLI command, or left running after a crash), it is attached
 * to instead of started twice. An embedded server this process started is supervised: started
 * again after it dies ({@link EmbeddedSupervisor}).
 */
public final class DatabaseRuntime implements AutoCloseable {

  private final DatabaseLocation location;
  private final EmbeddedSupervisor owned;

  private DatabaseRuntime(DatabaseLocation location, EmbeddedSupervisor owned) {
    this.location = location;
    this.owned = owned;
  }

  /**
   * @param dbUrl   the configured database URL, or null for the embedded one
   * @param dataDir the platform's data directory (the embedded cluster lives in {@code postgres/})
   */
  public static DatabaseRuntime open(String dbUrl, Path dataDir) {
    if (dbUrl != null) {
      DatabaseLocation location = DatabaseLocation.fromUrl(dbUrl);
      PoolerCheck.refuseTransactionPooling(location);
      return new DatabaseRuntime(location, null);
    }
    Path cluster = dataDir.resolve("postgres");
    Optional<Integer> running = runningPort(cluster);
    if (running.isPresent()) {
      return new DatabaseRuntime(new DatabaseLocation("localhost", running.get(), "postgres", "postgres", "postgres"), null);
    }
    EmbeddedDatabase database = EmbeddedDatabase.start(cluster);
    return new DatabaseRuntime(database.location(), new EmbeddedSupervisor(database, cluster));
  }

  public DatabaseLocation location() {
    return location;
  }

  /**
   * False when the embedded server this process runs died and could not be started again (it is
   * restarted automatically otherwise); always true for a configured or attached database, whose
   * outages are the database's and not this process's.
   */
  public boolean live() {
    return owned == null || owned.live();
  }

  /** The port of a live postmaster for {@code cluster}, read from its {@code postmaster.pid}. */
  static Optional<Integer> runningPort(Path cluster) {
    Path pidFile = cluster.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      long pid = Long.parseLong(lines.get(0).trim());
      if (lines.size() < 4 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
        return Optional.empty();
      }
      return Optional.of(Integer.parseInt(lines.get(3).trim()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
