package dev.wireless.callbacks.delivery;

import dev.wireless.persistence.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * When a callback is attempted again after a failure, read from a setting such as
 * {@code 0s,1m,5m,30m,2h,6h,12h} so tests can use millisecond schedules and operators can tune
 * production without a release.
 *
 * <p>The list holds the delay <em>before</em> each attempt: attempt 1 waits element 0 (normally
 * {@code 0s}), attempt {@code n} waits element {@code n - 1}. So after the {@code k}-th failed attempt
 * the next delay is element {@code k}, and when {@code k} equals the list size the callback has used
 * all {@link #maxAttempts()} attempts and is given up.
 *
 * <p>Each retry delay is spread by up to ±10% so that callbacks which failed together (a receiver
 * outage) do not all come back in the same instant. A receiver's {@code Retry-After} wins when it asks
 * for a longer wait, up to {@link #MAX_RETRY_AFTER}, so one receiver cannot park a callback forever.
 */
public final class RetrySchedule {

    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    private static final Pattern DELTA_SECONDS = Pattern.compile("\\d+");
    private static final int JITTER_DIVISOR = 10;

    private final List<Duration> delays;

    private RetrySchedule(List<Duration> delays) {
        this.delays = List.copyOf(delays);
    }

    /** Parses a comma-separated list of durations, each in the one syntax of {@link Durations#parse}. */
    public static RetrySchedule parse(String setting) {
        if (setting == null || setting.isBlank()) {
            throw new IllegalArgumentException("retry schedule is empty");
        }
        List<Duration> delays = new ArrayList<>();
        for (String token : setting.split(",", -1)) {
            delays.add(Durations.parse(token));
        }
        return new RetrySchedule(delays);
    }

    /** How many attempts a callback gets in total, the first one included. */
    public int maxAttempts() {
        return delays.size();
    }

    /** The scheduled delay before attempt {@code attemptNumber} (1-based), without jitter. */
    public Duration delayBefore(int attemptNumber) {
        if (attemptNumber < 1 || attemptNumber > delays.size()) {
            throw new IllegalArgumentException("attempt " + attemptNumber + " is outside 1.." + delays.size());
        }
        return delays.get(attemptNumber - 1);
    }

    /**
     * The wait before the next attempt once {@code attemptsMadeSoFar} attempts have failed, or empty
     * when none are left. {@code retryAfterOrNull} is the receiver's parsed {@code Retry-After}.
     */
    public Optional<Duration> delayAfterFailedAttempt(int attemptsMadeSoFar, Duration retryAfterOrNull,
                                                      RandomGenerator rnd) {
        Objects.requireNonNull(rnd, "rnd");
        if (attemptsMadeSoFar < 1) {
            throw new IllegalArgumentException("attemptsMadeSoFar must be at least 1, was " + attemptsMadeSoFar);
        }
        if (attemptsMadeSoFar >= delays.size()) {
            return Optional.empty();
        }
        return Optional.of(withRetryAfter(jitter(delays.get(attemptsMadeSoFar), rnd), retryAfterOrNull));
    }

    /**
     * The wait before the next attempt once {@code attemptsMadeSoFar} attempts have failed, for a
     * delivery whose attempt budget was fixed when it was enqueued, possibly under a longer schedule
     * than this one: past the end of this list the last step repeats. Whether another attempt is
     * allowed at all is the caller's decision.
     */
    public Duration delayBeforeRetry(int attemptsMadeSoFar, Duration retryAfterOrNull, RandomGenerator rnd) {
        Objects.requireNonNull(rnd, "rnd");
        if (attemptsMadeSoFar < 1) {
            throw new IllegalArgumentException("attemptsMadeSoFar must be at least 1, was " + attemptsMadeSoFar);
        }
        Duration step = delays.get(Math.min(attemptsMadeSoFar, delays.size() - 1));
        return withRetryAfter(jitter(step, rnd), retryAfterOrNull);
    }

    private static Duration withRetryAfter(Duration scheduled, Duration retryAfterOrNull) {
        Duration delay = scheduled;
        if (retryAfterOrNull != null) {
            Duration asked = retryAfterOrNull.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfterOrNull;
            if (asked.compareTo(delay) > 0) {
                delay = asked;
            }
        }
        return delay;
    }

    private static Duration jitter(Duration delay, RandomGenerator rnd) {
        long millis = delay.toMillis();
        long spread = millis / JITTER_DIVISOR;
        if (spread == 0) {
            return delay;
        }
        return Duration.ofMillis(millis + rnd.nextLong(-spread, spread + 1));
    }

    /**
     * Reads a {@code Retry-After} header in either of its forms, delta-seconds ({@code 120}) or an
     * RFC 1123 HTTP-date; a date in the past means "now". Anything else is ignored rather than
     * failing the delivery, because the header is only advice.
     */
    public static Optional<Duration> parseRetryAfter(String headerValue, Instant now) {
        if (headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        String value = headerValue.strip();
        if (DELTA_SECONDS.matcher(value).matches()) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RetrySchedule" + delays;
    }
}
