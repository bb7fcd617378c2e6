package dev.wireless.server.usage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * One cell of the hourly rollup: the UTC hour, the roaming class ({@code home}, {@code national},
 * {@code international}) and, for international roaming only, the visited country.
 */
public record UsageKey(OffsetDateTime hour, String roaming, String countryCode) implements Comparable<UsageKey> {

  private static final Comparator<UsageKey> ORDER = Comparator.comparing(UsageKey::hour)
      .thenComparing(UsageKey::roaming).thenComparing(UsageKey::countryCode);

  public UsageKey {
    hour = hourOf(hour);
    countryCode = "international".equals(roaming) ? countryCode : "";
  }

  public static OffsetDateTime hourOf(OffsetDateTime at) {
    return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
  }

  @Override
  public int compareTo(UsageKey other) {
    return ORDER.compare(this, other);
  }
}
