package dev.wireless.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Postgres server the platform runs itself when no database is configured. Its data directory
 * lives inside the platform's data directory, so a restart finds every row again; only the first
 * start runs initdb. Tests use it with a throw-away directory.
 *
 * <p>The platform's own server commits durably: {@code fsync} and {@code synchronous_commit} on
 * (the embedding library's defaults switch fsync off, with which a machine crash can lose
 * acknowledged work or corrupt the cluster). Throw-away test servers keep the library's defaults.
 *
 * <p>Its write-ahead log is set for a steady durable write load (ingestion, Commands): checkpoints
 * spread over 90 % of their interval and started by time rather than by WAL volume (up to 4 GB of
 * WAL between them, so a burst such as a bulk import or an ingestion peak does not force one and
 * the full-page images that follow each checkpoint), and a WAL buffer of one segment so that
 * concurrent commits do not wait for each other's writes to make room. WAL compression stays off:
 * these binaries have only {@code pglz}, which costs CPU on a node whose two cores are the limit
 * and did not shrink the WAL per Command measurably. {@code docs/performance.md} has the figures.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** Starts (and on first use creates) the server whose files are in {@code dataDirectory}. */
  public static EmbeddedDatabase start(Path dataDirectory) {
    return start(dataDirectory, 0);
  }

  /** As {@link #start(Path)}, on a fixed port (0 picks a free one). */
  public static EmbeddedDatabase start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (port > 0) {
        builder.setPort(port);
      }
      EmbeddedPostgres postgres = builder
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          // the node stops it itself after draining (DatabaseRuntime.close); the library's own
          // shutdown hook would stop it at SIGTERM, under the drain's feet
          .setRegisterShutdownHook(false)
          .setServerConfig("max_connections", "200")
          .setServerConfig("shared_buffers", "128MB")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("fsync", "on")
          .setServerConfig("checkpoint_completion_target", "0.9")
          .setServerConfig("checkpoint_timeout", "5min")
          .setServerConfig("max_wal_size", "4GB")
          .setServerConfig("min_wal_size", "256MB")
          .setServerConfig("wal_buffers", "16MB")
          // job tables are vacuumed after a thousand dead rows (V015): look for them every 5 s, not
          // every minute, or a busy claim walks a minute's dead entries
          .setServerConfig("autovacuum_naptime", "5s")
          .start();
      return new EmbeddedDatabase(postgres);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded Postgres in " + dataDirectory, e);
    }
  }

  /** Starts a server on a fresh temporary directory that is deleted when closed (tests). */
  public static EmbeddedDatabase startTemporary() {
    try {
      return new EmbeddedDatabase(EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "200").start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a temporary embedded Postgres", e);
    }
  }

  /**
   * The postmaster, as named by {@code postmaster.pid} in {@code dataDirectory} (its exit means
   * the server is gone); empty if the file cannot be read.
   */
  static java.util.Optional<ProcessHandle> postmaster(Path dataDirectory) {
    try {
      long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
      return ProcessHandle.of(pid);
    } catch (IOException | RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  public DatabaseLocation location() {
    return new DatabaseLocation("localhost", postgres.getPort(), "postgres", "postgres", "postgres");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded Postgres", e);
    }
  }
}
