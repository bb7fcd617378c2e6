package dev.wireless.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AccessLogTest {

  @Test
  void linesFromSeveralThreadsAreWrittenOnceEachAndInOrderPerThread() throws Exception {
    AccessLog log = new AccessLog(100_000);
    int threads = 4;
    int perThread = 5_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread writer = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          log.offer(id + ":" + i);
        }
      });
      writer.start();
      writers.add(writer);
    }
    StringWriter out = new StringWriter();
    start.countDown();
    int written = 0;
    while (writers.stream().anyMatch(Thread::isAlive)) {
      written += log.writeQueued(out);
    }
    written += log.writeQueued(out);
    assertEquals(threads * perThread, written);
    int[] next = new int[threads];
    for (String line : out.toString().split("\n")) {
      String[] parts = line.split(":");
      int thread = Integer.parseInt(parts[0]);
      assertEquals(next[thread]++, Integer.parseInt(parts[1]), "lines of thread " + thread + " out of order");
    }
    for (int t = 0; t < threads; t++) {
      assertEquals(perThread, next[t]);
    }
  }

  @Test
  void aFullQueueDropsLinesAndSaysHowMany() throws IOException {
    AccessLog log = new AccessLog(3);
    for (int i = 0; i < 5; i++) {
      log.offer("line " + i);
    }
    StringWriter out = new StringWriter();
    assertEquals(3, log.writeQueued(out));
    assertEquals("line 0\nline 1\nline 2\nwireless.access dropped 2 lines (log output too slow)\n", out.toString());

    log.offer("line 5"); // room again once written
    StringWriter again = new StringWriter();
    assertEquals(1, log.writeQueued(again));
    assertEquals("line 5\n", again.toString());
  }
}
