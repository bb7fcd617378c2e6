package dev.wireless.persistence.jobs;

import java.time.Duration;

/**
 * When a failed attempt is tried again: {@code base} doubled per attempt made (at most 2^8 times),
 * never more than {@code cap}. A job that has made {@code max_attempts} attempts is given up
 * ({@link #exhausted}) by its kind, which decides what giving up means for what the job was doing.
 */
public record Backoff(Duration base, Duration cap) {

  /** The wait before the next attempt, after {@code attempts} attempts were made. */
  public Duration after(int attempts) {
    long millis = base.toMillis() << Math.min(Math.max(attempts, 0), 8);
    return Duration.ofMillis(Math.min(cap.toMillis(), millis));
  }

  /** Whether a job that has made {@code attempts} of its {@code maxAttempts} attempts is to be given up. */
  public static boolean exhausted(int attempts, int maxAttempts) {
    return attempts >= maxAttempts;
  }
}
