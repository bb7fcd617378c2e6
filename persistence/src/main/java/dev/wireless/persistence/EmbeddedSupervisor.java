package dev.wireless.persistence;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded Postgres running: when its postmaster exits without being asked to (killed,
 * crashed), it is started again on the same port and data directory, which is Postgres' crash
 * recovery (the WAL replays every committed transaction). The node's pools reconnect by themselves
 * because the address did not change. If it cannot be started again within {@link #RESTART_BUDGET_MS},
 * the node reports itself not live, so that its own supervisor restarts the whole process.
 */
final class EmbeddedSupervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
  static final long RESTART_BUDGET_MS = 30_000;
  private static final long RETRY_MS = 200;

  private final Path cluster;
  private final int port;
  private final ExecutorService restarts = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "wireless-embedded-postgres-supervisor");
    thread.setDaemon(true);
    return thread;
  });
  private volatile EmbeddedDatabase current;
  private volatile boolean live = true;
  private volatile boolean stopping;

  EmbeddedSupervisor(EmbeddedDatabase first, Path cluster) {
    this.cluster = cluster;
    this.port = first.location().port();
    watch(first);
  }

  private void watch(EmbeddedDatabase database) {
    current = database;
    java.util.Optional<ProcessHandle> postmaster = EmbeddedDatabase.postmaster(cluster);
    if (postmaster.isEmpty()) {
      LOG.warn("cannot find the embedded Postgres' postmaster in {}; it is not supervised", cluster);
      return;
    }
    postmaster.get().onExit().thenRunAsync(() -> restart(database), restarts);
  }

  private void restart(EmbeddedDatabase dead) {
    if (stopping || jvmShuttingDown()) {
      return; // a server started now would outlive this process
    }
    long started = System.nanoTime();
    LOG.warn("the embedded Postgres (port {}) exited unexpectedly; starting it again (crash recovery)", port);
    dead.close(); // releases its lock on the data directory
    RuntimeException last = null;
    while (!stopping && System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(RESTART_BUDGET_MS)) {
      try {
        EmbeddedDatabase again = EmbeddedDatabase.start(cluster, port);
        if (stopping || jvmShuttingDown()) {
          again.close();
          return;
        }
        LOG.warn("the embedded Postgres is running again after {} ms",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        watch(again);
        return;
      } catch (RuntimeException e) {
        last = e; // e.g. the old server's backends still hold its shared memory for a moment
        sleep();
      }
    }
    if (!stopping) {
      live = false;
      LOG.error("the embedded Postgres could not be started again; this node is no longer live", last);
    }
  }

  /** True once the JVM runs its shutdown hooks (it refuses new ones then). */
  private static boolean jvmShuttingDown() {
    Thread probe = new Thread(() -> { });
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** False once the server died and could not be started again. */
  boolean live() {
    return live;
  }

  @Override
  public void close() {
    stopping = true;
    restarts.shutdownNow();
    current.close();
  }
}
