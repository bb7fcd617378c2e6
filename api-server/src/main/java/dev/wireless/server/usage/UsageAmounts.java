package dev.wireless.server.usage;

import java.math.BigDecimal;

/** Amounts added to one rollup cell; deltas may be negative when a late event re-attributes data. */
public record UsageAmounts(long dataUp, long dataDown, BigDecimal dataBilled, long toSim, long fromSim,
                           BigDecimal commandsBilled) {

  public static UsageAmounts data(long up, long down, BigDecimal billed) {
    return new UsageAmounts(up, down, billed, 0, 0, BigDecimal.ZERO);
  }

  public UsageAmounts plus(UsageAmounts o) {
    return new UsageAmounts(dataUp + o.dataUp, dataDown + o.dataDown, dataBilled.add(o.dataBilled),
        toSim + o.toSim, fromSim + o.fromSim, commandsBilled.add(o.commandsBilled));
  }

  public boolean isZero() {
    return dataUp == 0 && dataDown == 0 && toSim == 0 && fromSim == 0 && dataBilled.signum() == 0
        && commandsBilled.signum() == 0;
  }
}
