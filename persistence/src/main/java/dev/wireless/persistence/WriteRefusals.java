package dev.wireless.persistence;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's most recent refusal to write (disk full, read-only, out of memory, a configured
 * limit such as {@code temp_file_limit}, an I/O error), remembered for readiness: a node whose
 * database accepts reads but refuses writes is not ready, although {@code SELECT 1} still works.
 * Process-wide, like the database it describes; recorded by {@link DatabaseErrors}.
 */
public final class WriteRefusals {

  /** One refusal: its SQL state, the server's message and when it happened. */
  public record Refusal(String sqlState, String message, long atNanos) {
  }

  private static final AtomicReference<Refusal> LAST = new AtomicReference<>();

  private WriteRefusals() {
  }

  static void record(String sqlState, String message) {
    LAST.set(new Refusal(sqlState, message, System.nanoTime()));
  }

  /** The last refusal if it happened within {@code window}. */
  public static Optional<Refusal> within(Duration window) {
    Refusal last = LAST.get();
    if (last == null || System.nanoTime() - last.atNanos() > window.toNanos()) {
      return Optional.empty();
    }
    return Optional.of(last);
  }
}
