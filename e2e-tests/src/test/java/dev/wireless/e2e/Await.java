package dev.wireless.e2e;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds (every 20 ms), failing the test after a deadline; no fixed sleeps. */
final class Await {

  private Await() {
  }

  static void awaitUntil(Duration deadline, BooleanSupplier condition) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + deadline);
      }
      LockSupport.parkNanos(20_000_000L);
    }
  }
}
