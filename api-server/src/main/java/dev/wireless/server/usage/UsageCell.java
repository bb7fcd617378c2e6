package dev.wireless.server.usage;

import java.math.BigDecimal;

/** Usage summed over one record's hours (or days) for one roaming class (and country). */
public record UsageCell(int index, String roaming, String countryCode, long dataUp, long dataDown,
                        BigDecimal dataBilled, long toSim, long fromSim, BigDecimal commandsBilled) {

  /** The two cells summed (same record, roaming class and country). */
  UsageCell plus(UsageCell o) {
    return new UsageCell(index, roaming, countryCode, dataUp + o.dataUp, dataDown + o.dataDown,
        dataBilled.add(o.dataBilled), toSim + o.toSim, fromSim + o.fromSim, commandsBilled.add(o.commandsBilled));
  }
}
