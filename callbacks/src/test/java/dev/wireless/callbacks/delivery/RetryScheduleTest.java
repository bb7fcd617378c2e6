package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final RetrySchedule DEFAULT = RetrySchedule.parse("0s,1m,5m,30m,2h,6h,12h");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    /** Always picks the lowest or the highest value the jitter may use. */
    private static RandomGenerator extreme(boolean high) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("the schedule must ask for a bounded value");
            }

            @Override
            public long nextLong(long origin, long bound) {
                return high ? bound - 1 : origin;
            }
        };
    }

    @Test
    void listsTheDelayBeforeEachAttempt() {
        assertEquals(7, DEFAULT.maxAttempts());
        assertEquals(Duration.ZERO, DEFAULT.delayBefore(1));
        assertEquals(Duration.ofMinutes(1), DEFAULT.delayBefore(2));
        assertEquals(Duration.ofHours(2), DEFAULT.delayBefore(5));
        assertEquals(Duration.ofHours(12), DEFAULT.delayBefore(7));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.delayBefore(0));
        assertThrows(IllegalArgumentException.class, () -> DEFAULT.delayBefore(8));
    }

    @Test
    void parsesEveryUnitAndToleratesWhitespace() {
        RetrySchedule schedule = RetrySchedule.parse(" 250ms , 10s,\t1d ,2h, 3m ");

        assertEquals(5, schedule.maxAttempts());
        assertEquals(Duration.ofMillis(250), schedule.delayBefore(1));
        assertEquals(Duration.ofSeconds(10), schedule.delayBefore(2));
        assertEquals(Duration.ofDays(1), schedule.delayBefore(3));
        assertEquals(Duration.ofHours(2), schedule.delayBefore(4));
        assertEquals(Duration.ofMinutes(3), schedule.delayBefore(5));
        assertEquals(Duration.ofMillis(0), Durations.parse("0ms"));
    }

    @Test
    void rejectsBadSettingsNamingTheBadToken() {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(""));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse("   "));
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(null));
        for (String bad : new String[] {"-1s", "5x", "1.5s", "5", "s", "2 h", "1M", "10sec"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RetrySchedule.parse("0s," + bad + ",5m"));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RetrySchedule.parse("0s,,5m"));
        assertTrue(empty.getMessage().contains("''"), empty.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> Durations.parse("99999999999999999999d"));
        assertTrue(huge.getMessage().contains("99999999999999999999d"), huge.getMessage());
    }

    @Test
    void afterTheKthFailureUsesElementKUntilExhausted() {
        RetrySchedule schedule = RetrySchedule.parse("0s,1m,5m");

        assertEquals(Optional.of(Duration.ofSeconds(54)), schedule.delayAfterFailedAttempt(1, null, extreme(false)));
        assertEquals(Optional.of(Duration.ofSeconds(66)), schedule.delayAfterFailedAttempt(1, null, extreme(true)));
        assertEquals(Optional.of(Duration.ofSeconds(270)), schedule.delayAfterFailedAttempt(2, null, extreme(false)));
        assertEquals(Optional.empty(), schedule.delayAfterFailedAttempt(3, null, new Random(1)));
        assertEquals(Optional.empty(), schedule.delayAfterFailedAttempt(4, null, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> schedule.delayAfterFailedAttempt(0, null, new Random(1)));
    }

    @Test
    void jitterStaysWithinTenPercentAndActuallySpreads() {
        Random rnd = new Random(42);
        Duration min = Duration.ofDays(1);
        Duration max = Duration.ZERO;
        for (int i = 0; i < 1000; i++) {
            Duration d = DEFAULT.delayAfterFailedAttempt(3, null, rnd).orElseThrow();
            min = d.compareTo(min) < 0 ? d : min;
            max = d.compareTo(max) > 0 ? d : max;
        }
        assertTrue(min.compareTo(Duration.ofMinutes(27)) >= 0, "min " + min);
        assertTrue(max.compareTo(Duration.ofMinutes(33)) <= 0, "max " + max);
        assertTrue(min.compareTo(Duration.ofMinutes(29)) < 0, "min " + min);
        assertTrue(max.compareTo(Duration.ofMinutes(31)) > 0, "max " + max);
    }

    @Test
    void sameSeedGivesSameDelay() {
        assertEquals(DEFAULT.delayAfterFailedAttempt(2, null, new Random(7)),
                DEFAULT.delayAfterFailedAttempt(2, null, new Random(7)));
    }

    @Test
    void zeroDelayStaysZero() {
        RetrySchedule schedule = RetrySchedule.parse("0s,0s,0ms");

        assertEquals(Optional.of(Duration.ZERO), schedule.delayAfterFailedAttempt(1, null, extreme(false)));
        assertEquals(Optional.of(Duration.ZERO), schedule.delayAfterFailedAttempt(2, null, extreme(true)));
    }

    @Test
    void retryAfterWinsOnlyWhenLongerAndIsCappedAtOneDay() {
        RetrySchedule schedule = RetrySchedule.parse("0s,1m,2d");

        assertEquals(Optional.of(Duration.ofMinutes(10)),
                schedule.delayAfterFailedAttempt(1, Duration.ofMinutes(10), extreme(true)));
        assertEquals(Optional.of(Duration.ofSeconds(54)),
                schedule.delayAfterFailedAttempt(1, Duration.ofSeconds(5), extreme(false)));
        assertEquals(Optional.of(Duration.ofHours(24)),
                schedule.delayAfterFailedAttempt(1, Duration.ofHours(48), extreme(true)));
        assertEquals(Optional.of(Duration.ofDays(2).minusHours(4).minusMinutes(48)),
                schedule.delayAfterFailedAttempt(2, Duration.ofHours(30), extreme(false)));
        assertEquals(Optional.empty(), schedule.delayAfterFailedAttempt(3, Duration.ofMinutes(1), extreme(false)));
    }

    @Test
    void retryAfterAcceptsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetrySchedule.parseRetryAfter("120", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetrySchedule.parseRetryAfter(" 0 ", NOW));
    }

    @Test
    void retryAfterAcceptsHttpDate() {
        assertEquals(Optional.of(Duration.ofMinutes(5)),
                RetrySchedule.parseRetryAfter("Wed, 01 Jan 2025 00:05:00 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO),
                RetrySchedule.parseRetryAfter("Tue, 31 Dec 2024 23:00:00 GMT", NOW));
    }

    @Test
    void retryAfterIgnoresGarbage() {
        for (String bad : new String[] {null, "", "  ", "soon", "-5", "1.5", "99999999999999999999",
                "Wed, 32 Jan 2025 00:05:00 GMT", "2025-01-01T00:05:00Z"}) {
            assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter(bad, NOW), "header " + bad);
        }
    }

    @Test
    void delayBeforeRetryRepeatsTheLastStepPastTheEndOfTheSchedule() {
        RetrySchedule schedule = RetrySchedule.parse("0s,10s,100s");
        RandomGenerator rnd = new Random(3);
        long first = schedule.delayBeforeRetry(1, null, rnd).toSeconds();
        assertTrue(first >= 9 && first <= 11, "was " + first);
        for (int made = 2; made <= 6; made++) {
            long seconds = schedule.delayBeforeRetry(made, null, rnd).toSeconds();
            assertTrue(seconds >= 90 && seconds <= 110, "was " + seconds);
        }
        assertEquals(Duration.ofHours(2), schedule.delayBeforeRetry(2, Duration.ofHours(2), rnd));
    }
}
