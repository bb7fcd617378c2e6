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
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

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
    Bucket bucket = buckets.computeIfAbsent(accountSid, k -> new Bucket(burst, nanoClock.getAsLong()));
    synchronized (bucket) {
      long now = nanoClock.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedAt) / 1e9 * perSecond);
      bucket.updatedAt = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - bucket.tokens) / perSecond);
    }
  }

  private static final class Bucket {
    double tokens;
    long updatedAt;

    Bucket(double tokens, long updatedAt) {
      this.tokens = tokens;
      this.updatedAt = updatedAt;
    }
  }
}
