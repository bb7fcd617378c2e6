package dev.wireless.server.ops;

import dev.wireless.callbacks.dispatch.AttemptObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Callback delivery attempts on {@code /metrics}: {@code wireless_callback_attempts_total} by kind,
 * outcome ({@code delivered}, {@code retry}, {@code failed}) and attempt number (capped at "8+"),
 * and {@code wireless_callback_attempt_seconds} for how long the receivers took.
 */
public final class CallbackMetrics implements AttemptObserver {

  private static final int ATTEMPT_CAP = 8;

  private final MeterRegistry registry;

  public CallbackMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void attempted(String kind, int attemptNumber, String outcome, int durationMs) {
    String attempt = attemptNumber >= ATTEMPT_CAP ? ATTEMPT_CAP + "+" : String.valueOf(attemptNumber);
    Counter.builder("wireless_callback_attempts").description("Callback delivery attempts")
        .tags("kind", kind, "outcome", outcome, "attempt", attempt).register(registry).increment();
    Timer.builder("wireless_callback_attempt").description("Time a callback receiver took to answer")
        .tags("kind", kind, "outcome", outcome).register(registry).record(Duration.ofMillis(durationMs));
  }
}
