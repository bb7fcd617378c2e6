package dev.wireless.server.config;

import java.time.Duration;

/**
 * Per-account request limits and how long an {@code Idempotency-Key} is remembered.
 *
 * @param requestsPerSecond sustained requests per second per account on one node; 0 turns the limit off
 * @param burst             requests an idle account may send at once
 * @param authCacheTtl      how long a node may remember a verified Auth Token (0 = never); a token
 *                          change reaches every node at once through LISTEN/NOTIFY regardless
 */
public record ApiLimits(int requestsPerSecond, int burst, Duration idempotencyTtl, Duration authCacheTtl) {
}
