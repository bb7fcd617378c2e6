package dev.wireless.callbacks.alerts;

import java.time.OffsetDateTime;

/**
 * The Debugger list filters ({@code ResourceSid}, {@code StartDate}, {@code EndDate},
 * {@code LogLevel}); a null field does not filter.
 *
 * @param startDate inclusive lower bound of the creation time
 * @param endDate   exclusive upper bound of the creation time (the API turns a date-only
 *                  {@code EndDate} into the start of the following day)
 */
public record AlertFilter(String resourceSid, OffsetDateTime startDate, OffsetDateTime endDate, String logLevel) {

    public static AlertFilter none() {
        return new AlertFilter(null, null, null, null);
    }
}
