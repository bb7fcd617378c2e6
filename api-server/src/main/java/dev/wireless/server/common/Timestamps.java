package dev.wireless.server.common;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** API dates are UTC with whole seconds ({@code 2015-07-30T20:00:00Z}), as upstream. */
public final class Timestamps {

  private Timestamps() {
  }

  public static OffsetDateTime api(OffsetDateTime stored) {
    return stored == null ? null : stored.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
  }
}
