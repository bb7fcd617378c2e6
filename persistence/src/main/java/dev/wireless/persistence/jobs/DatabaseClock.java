package dev.wireless.persistence.jobs;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.types.DayToSecond;

/**
 * "Now, plus or minus a while" on the database's clock. Every node schedules, leases and purges on
 * that one clock, so hosts whose clocks disagree still agree on what is due, which lease has
 * expired and what is old. The SQL text is the same for every duration (the milliseconds are a
 * bind value, or a placeholder of a rendered-once statement), so it is prepared and planned once.
 */
public final class DatabaseClock {

  private static final Field<DayToSecond> ONE_MILLISECOND = DSL.inline(DayToSecond.valueOf(Duration.ofMillis(1)));

  private DatabaseClock() {
  }

  /** The transaction's {@code now()}. */
  public static Field<OffsetDateTime> now() {
    return DSL.currentOffsetDateTime();
  }

  /** {@code now() + delay}. */
  public static Field<OffsetDateTime> plus(Duration delay) {
    return plusMillis(DSL.val((double) delay.toMillis()));
  }

  /** {@code now() - age}: the cut-off of "older than {@code age}". */
  public static Field<OffsetDateTime> minus(Duration age) {
    return plusMillis(DSL.val((double) -age.toMillis()));
  }

  /**
   * {@code now()} plus the milliseconds in {@code millis}: a column, or a {@code DSL.param} of a
   * statement rendered once and run with the delay as its value.
   */
  public static Field<OffsetDateTime> plusMillis(Field<? extends Number> millis) {
    return now().plus(ONE_MILLISECOND.times(millis));
  }
}
