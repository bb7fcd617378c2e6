package dev.wireless.server.usage;

import java.math.BigDecimal;

/** Usage summed over one record's hours for one roaming class (and country). */
public record UsageCell(int index, String roaming, String countryCode, long dataUp, long dataDown,
                        BigDecimal dataBilled, long toSim, long fromSim, BigDecimal commandsBilled) {
}
