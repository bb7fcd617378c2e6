package dev.wireless.server.http;

/**
 * One token bucket: holds up to {@code burst} tokens and refills at {@code perSecond}, computed
 * lazily from the time of each call. The platform's two limits — requests per account
 * ({@link RateLimiter}) and failed authentications per client address ({@link AuthFailureThrottle})
 * — keep one of these per key. Thread-safe: every call holds the bucket's lock.
 */
final class TokenBucket {

  private final double perSecond;
  private final double burst;
  private double tokens;
  private long updatedAt;

  /** A full bucket at {@code nanoTime}. */
  TokenBucket(double perSecond, double burst, long nanoTime) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.updatedAt = nanoTime;
  }

  /** Takes a token if there is one: 0, otherwise the whole seconds until there is one. */
  synchronized long take(long nanoTime) {
    refill(nanoTime);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return secondsUntilOne();
  }

  /** Spends a token, or what is left of one (never below empty). */
  synchronized void spend(long nanoTime) {
    refill(nanoTime);
    tokens = Math.max(0, tokens - 1);
  }

  /** 0 when a token is there, otherwise the whole seconds until one is (at least 1). */
  synchronized long secondsToWait(long nanoTime) {
    refill(nanoTime);
    return tokens >= 1 ? 0 : secondsUntilOne();
  }

  /** Whether the bucket has refilled completely (nothing is owed any more). */
  synchronized boolean full(long nanoTime) {
    refill(nanoTime);
    return tokens >= burst;
  }

  private long secondsUntilOne() {
    return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
  }

  private void refill(long nanoTime) {
    tokens = Math.min(burst, tokens + Math.max(0, nanoTime - updatedAt) / 1e9 * perSecond);
    updatedAt = nanoTime;
  }
}
