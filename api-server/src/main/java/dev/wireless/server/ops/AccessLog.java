package dev.wireless.server.ops;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes access-log lines off the event loop: requests only enqueue a line; one daemon thread
 * writes batches to standard output. A synchronous log line per request halved the throughput of a
 * simple fetch in the benchmark. When the queue is full (a stalled log pipeline) lines are dropped
 * and counted rather than slowing requests down.
 */
final class AccessLog {

  private static final BlockingQueue<String> LINES = new ArrayBlockingQueue<>(65_536);
  private static final AtomicLong DROPPED = new AtomicLong();

  static {
    Thread writer = new Thread(AccessLog::drain, "wireless-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  private AccessLog() {
  }

  static void write(String line) {
    if (!LINES.offer(line)) {
      DROPPED.incrementAndGet();
    }
  }

  private static void drain() {
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    List<String> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(LINES.take());
        LINES.drainTo(batch, 4096);
        for (String line : batch) {
          out.write(line);
          out.newLine();
        }
        long dropped = DROPPED.getAndSet(0);
        if (dropped > 0) {
          out.write("wireless.access dropped " + dropped + " lines (log output too slow)");
          out.newLine();
        }
        out.flush();
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        batch.clear();
      }
    }
  }
}
