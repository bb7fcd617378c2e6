package dev.wireless.callbacks.dispatch;

/**
 * Told about every recorded delivery attempt, so the host process can count them (the callbacks
 * module itself stays free of any metrics library).
 */
@FunctionalInterface
public interface AttemptObserver {

    AttemptObserver NONE = (kind, attemptNumber, outcome, durationMs) -> { };

    /**
     * @param kind          the callback's kind, e.g. {@code sim.status}
     * @param attemptNumber 1 for the first attempt of a series
     * @param outcome       {@code delivered}, {@code retry} (will be tried again) or {@code failed}
     *                      (attempts exhausted or the receiver answered 410)
     * @param durationMs    how long the attempt took
     */
    void attempted(String kind, int attemptNumber, String outcome, int durationMs);
}
