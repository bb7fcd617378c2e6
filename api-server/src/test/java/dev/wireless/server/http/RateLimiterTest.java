package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void aBurstIsAllowedThenTheRateHolds() {
    RateLimiter limiter = new RateLimiter(10, 5, now::get);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, limiter.acquire("AC1"), "request " + i);
    }
    assertEquals(1, limiter.acquire("AC1"), "the sixth waits about a tenth of a second, rounded up to 1 s");

    now.addAndGet(100_000_000L);
    assertEquals(0, limiter.acquire("AC1"), "a token came back after 100 ms");
    assertTrue(limiter.acquire("AC1") > 0);
  }

  @Test
  void accountsHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(1, 1, now::get);
    assertEquals(0, limiter.acquire("AC1"));
    assertTrue(limiter.acquire("AC1") > 0);
    assertEquals(0, limiter.acquire("AC2"), "AC1 being throttled does not slow AC2 down");
  }

  @Test
  void zeroDisablesTheLimit() {
    RateLimiter limiter = new RateLimiter(0, 1, now::get);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, limiter.acquire("AC1"));
    }
  }
}
