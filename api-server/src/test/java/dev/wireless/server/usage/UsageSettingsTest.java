package dev.wireless.server.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Usage settings, the price table and the UsageRecords window: defaults and refusals. */
class UsageSettingsTest {

  @Test
  void simulatedTrafficIsOnForTheEmbeddedDemoAndOffWithAConfiguredDatabase() {
    assertTrue(UsageSettings.from(Map.of()).simulatedTraffic());
    assertFalse(UsageSettings.from(Map.of("WIRELESS_DB_URL", "postgresql://u:p@db:5432/w")).simulatedTraffic());
    assertTrue(UsageSettings.from(Map.of("WIRELESS_DB_URL", "postgresql://u:p@db:5432/w",
        "WIRELESS_SIMULATED_TRAFFIC", "true")).simulatedTraffic());
    assertEquals(Duration.ofSeconds(30),
        UsageSettings.from(Map.of("WIRELESS_SIMULATED_TRAFFIC_INTERVAL", "30s")).trafficInterval());
    assertThrows(IllegalArgumentException.class, () -> UsageSettings.from(Map.of("WIRELESS_SIMULATED_TRAFFIC", "yes!")));
    assertThrows(IllegalArgumentException.class,
        () -> UsageSettings.from(Map.of("WIRELESS_SIMULATED_TRAFFIC_INTERVAL", "soon")));
  }

  @Test
  void pricesAreDefaultsWithOverridesEntryByEntry() {
    PriceTable prices = PriceTable.parse("payg.home=0.20, commands.international=0.08");
    assertEquals(0, new BigDecimal("0.10").compareTo(prices.data("payg", "home", 500_000)));
    assertEquals(0, new BigDecimal("0.25").compareTo(prices.data("quota-10", "international", 500_000)));
    assertEquals(0, new BigDecimal("0.08").compareTo(prices.command("international")));
    assertEquals(0, new BigDecimal("0.05").compareTo(PriceTable.defaults().data("unknown-metering", "home", 500_000)));
    assertThrows(IllegalArgumentException.class, () -> PriceTable.parse("payg.moon=1"));
    assertThrows(IllegalArgumentException.class, () -> PriceTable.parse("payg.home=-1"));
  }

  @Test
  void theWindowDefaultsToTheLastMonthAndRefusesBadRanges() {
    OffsetDateTime now = OffsetDateTime.parse("2026-05-15T10:30:00Z");
    UsageWindow window = UsageWindow.of(null, null, null, now);
    assertEquals(now, window.end());
    assertEquals(now.minusMonths(1), window.start());
    assertEquals("all", window.granularity());
    assertEquals(1, window.count());
    assertEquals(31, UsageWindow.of(null, null, "daily", now).count());
    // hourly records are whole UTC hours from the start of Start's hour: 10:00 … 10:00 next day
    assertEquals(25, UsageWindow.of(now.minusDays(1), now, "hourly", now).count());
    ApiException after = assertThrows(ApiException.class, () -> UsageWindow.of(now, now.minusHours(1), "all", now));
    assertEquals(ErrorCode.INVALID_PARAMETER, after.code());
    assertThrows(ApiException.class, () -> UsageWindow.of(now.minusMonths(19), now, "all", now));
  }
}
