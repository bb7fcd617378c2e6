package dev.wireless.server.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes access-log lines off the event loop: requests only enqueue a line; one daemon thread
 * writes batches to standard output. A synchronous log line per request halved the throughput of a
 * simple fetch in the benchmark. When the queue is full (a stalled log pipeline) lines are dropped
 * and counted rather than slowing requests down.
 *
 * <p>The writer is not woken per line: it looks every {@value #PAUSE_MS} ms and writes what has
 * come. A blocking queue's wake-up cost a futex call per request, and its writer a write call
 * for nearly every line (strace under load: about two system calls per request, with system time
 * 45 % of the server's CPU).
 */
final class AccessLog {

  private static final long PAUSE_MS = 10;
  private static final AccessLog STANDARD_OUTPUT = new AccessLog(65_536);

  static {
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    Thread writer = new Thread(() -> STANDARD_OUTPUT.writeForever(out), "wireless-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  private final int capacity;
  private final Queue<String> lines = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  AccessLog(int capacity) {
    this.capacity = capacity;
  }

  /** Queues a line for standard output (never blocks). */
  static void write(String line) {
    STANDARD_OUTPUT.offer(line);
  }

  void offer(String line) {
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    lines.offer(line);
  }

  /** Writes every queued line, then a count of the dropped ones if any; returns the lines written. */
  int writeQueued(Writer out) throws IOException {
    int written = 0;
    for (String line = lines.poll(); line != null; line = lines.poll()) {
      out.write(line);
      out.write('\n');
      written++;
    }
    queued.addAndGet(-written);
    long lost = dropped.getAndSet(0);
    if (lost > 0) {
      out.write("wireless.access dropped " + lost + " lines (log output too slow)\n");
    }
    if (written > 0 || lost > 0) {
      out.flush();
    }
    return written;
  }

  private void writeForever(Writer out) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        writeQueued(out);
      } catch (IOException e) {
        // standard output is gone; keep draining so that requests never wait for it
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_MS));
    }
  }
}
