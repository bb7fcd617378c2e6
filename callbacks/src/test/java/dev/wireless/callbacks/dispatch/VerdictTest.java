package dev.wireless.callbacks.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.delivery.RetrySchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The retry policy as a table: outcome of an attempt → what happens to the delivery. */
class VerdictTest {

    private static final RetrySchedule SCHEDULE = RetrySchedule.parse("0s,1m,5m");
    private static final Instant T = Instant.EPOCH;

    private static Verdict decide(Attempt attempt, int attemptNumber) {
        return Verdict.decide(attempt, attemptNumber, 3, SCHEDULE, new SplittableRandom(7));
    }

    private static Attempt status(int status, Duration retryAfter) {
        return Attempt.answered(T, 5, "https://example.com", status, "", retryAfter);
    }

    @Test
    void everySuccessStatusDelivers() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertEquals(Verdict.Outcome.DELIVERED, decide(status(status, null), 1).outcome());
        }
    }

    @Test
    void otherStatusesAndTransportErrorsRetryOnTheScheduleWithJitter() {
        for (Attempt failed : new Attempt[] {status(500, null), status(404, null), status(301, null),
                Attempt.failed(T, 1, "u", "timeout: no complete answer within 15000 ms", true),
                Attempt.failed(T, 1, "u", "connection failed: refused", true)}) {
            Verdict verdict = decide(failed, 1);
            assertEquals(Verdict.Outcome.RETRY, verdict.outcome());
            long millis = verdict.retryDelay().toMillis();
            assertTrue(millis >= 54_000 && millis <= 66_000, "one minute ±10%, was " + millis);
        }
        assertEquals("the receiver answered HTTP 500", decide(status(500, null), 1).lastError());
    }

    @Test
    void retryAfterIsHonouredOnlyFor429And503() {
        Duration hour = Duration.ofHours(1);
        assertEquals(hour, decide(status(503, hour), 1).retryDelay());
        assertEquals(hour, decide(status(429, hour), 1).retryDelay());
        assertTrue(decide(status(500, hour), 1).retryDelay().compareTo(Duration.ofMinutes(2)) < 0);
        assertTrue(decide(status(503, Duration.ofSeconds(1)), 1).retryDelay().toSeconds() >= 54,
                "a shorter Retry-After does not shorten the schedule");
    }

    @Test
    void goneRefusedAndExhaustedFail() {
        assertEquals(Verdict.Outcome.FAILED, decide(status(410, null), 1).outcome());
        assertTrue(decide(status(410, null), 1).lastError().contains("410 Gone"));
        assertEquals(Verdict.Outcome.FAILED,
                decide(Attempt.failed(T, 0, "u", "Callback address 10.0.0.1 is ...", false), 1).outcome());
        assertEquals(Verdict.Outcome.FAILED, decide(status(500, null), 3).outcome());
        assertEquals(Verdict.Outcome.RETRY, decide(status(500, null), 2).outcome());
    }

    @Test
    void aBudgetLargerThanTheScheduleRepeatsItsLastStep() {
        Verdict verdict = Verdict.decide(status(500, null), 5, 9, SCHEDULE, new SplittableRandom(1));
        assertEquals(Verdict.Outcome.RETRY, verdict.outcome());
        assertTrue(Math.abs(verdict.retryDelay().toSeconds() - 300) <= 30, verdict.retryDelay().toString());
    }
}
