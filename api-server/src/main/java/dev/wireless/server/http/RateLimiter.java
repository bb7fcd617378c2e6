package dev.wireless.server.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per account on this node, so one busy account cannot starve the others: it holds
 * up to {@code burst} requests and refills at {@code perSecond}. A refused request learns how many
 * seconds to wait. {@code perSecond = 0} disables the limit.
 */
public final class RateLimiter {

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  RateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
  }

  /** 0 when the request may proceed, otherwise the seconds to wait before retrying. */
  public long acquire(String accountSid) {
    if (perSecond <= 0) {
      return 0;
    }
    long now = nanoClock.getAsLong();
    return buckets.computeIfAbsent(accountSid, k -> new TokenBucket(perSecond, burst, now)).take(now);
  }
}
