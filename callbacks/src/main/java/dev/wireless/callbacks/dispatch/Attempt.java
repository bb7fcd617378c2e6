package dev.wireless.callbacks.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt to send a callback found out, before anything is decided or written.
 *
 * @param httpStatus   the receiver's status, null when no answer arrived
 * @param responseBody the first 1,024 characters of the answer, null without one
 * @param error        why the attempt failed when no usable answer came back; null when the
 *                     receiver answered (its status says whether that was a success)
 * @param retryAfter   the receiver's {@code Retry-After}, when it sent a usable one
 * @param retryable    false when trying again cannot help (the address is refused)
 */
record Attempt(Instant startedAt, int durationMs, String requestUrl, Integer httpStatus, String responseBody,
               String error, Duration retryAfter, boolean retryable) {

    static Attempt answered(Instant startedAt, int durationMs, String requestUrl, int status, String body,
                            Duration retryAfter) {
        return new Attempt(startedAt, durationMs, requestUrl, status, body, null, retryAfter, true);
    }

    static Attempt failed(Instant startedAt, int durationMs, String requestUrl, String error, boolean retryable) {
        return new Attempt(startedAt, durationMs, requestUrl, null, null, error, null, retryable);
    }

    boolean succeeded() {
        return httpStatus != null && httpStatus >= 200 && httpStatus < 300 && error == null;
    }

    /** One line for {@code last_error} and the alert: the error, or the status the receiver gave. */
    String summary() {
        if (error != null) {
            return error;
        }
        return "the receiver answered HTTP " + httpStatus;
    }
}
