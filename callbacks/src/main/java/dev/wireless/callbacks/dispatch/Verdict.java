package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.delivery.RetrySchedule;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * What becomes of a delivery after an attempt: the retry policy in one pure function.
 *
 * <p>2xx delivers. 410 Gone stops (the receiver says the URL is gone for good), as does a refused
 * address. Anything else — another status, a timeout, a connection or DNS error, a lease that
 * expired mid-attempt — is retried after the schedule's next delay (with jitter), or later if a 429
 * or 503 carried a longer {@code Retry-After}, until the delivery's attempt budget is spent.
 *
 * @param retryDelay only for {@link Outcome#RETRY}
 * @param lastError  null when delivered
 */
record Verdict(Outcome outcome, Duration retryDelay, String lastError) {

    enum Outcome { DELIVERED, RETRY, FAILED }

    static final int GONE = 410;

    static Verdict decide(Attempt attempt, int attemptNumber, int maxAttempts, RetrySchedule schedule,
                          RandomGenerator rnd) {
        if (attempt.succeeded()) {
            return new Verdict(Outcome.DELIVERED, null, null);
        }
        Integer status = attempt.httpStatus();
        if (status != null && status == GONE) {
            return new Verdict(Outcome.FAILED, null, attempt.summary() + " (410 Gone stops retries)");
        }
        if (!attempt.retryable()) {
            return new Verdict(Outcome.FAILED, null, attempt.summary());
        }
        if (attemptNumber >= maxAttempts) {
            return new Verdict(Outcome.FAILED, null, attempt.summary());
        }
        Duration retryAfter = status != null && (status == 429 || status == 503) ? attempt.retryAfter() : null;
        return new Verdict(Outcome.RETRY, schedule.delayBeforeRetry(attemptNumber, retryAfter, rnd),
                attempt.summary());
    }

    boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
