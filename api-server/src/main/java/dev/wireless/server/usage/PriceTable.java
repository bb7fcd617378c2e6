package dev.wireless.server.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What usage costs, in USD: data per MB (10^6 bytes) keyed by the plan's {@code data_metering}
 * and the roaming class, commands per command keyed by the roaming class. Defaults can be
 * overridden entry by entry with {@code WIRELESS_USAGE_PRICES}, e.g.
 * {@code payg.home=0.10,quota-10.international=0.75,commands.home=0.01}.
 */
public final class PriceTable {

  public static final String CURRENCY = "USD";
  private static final BigDecimal MB = BigDecimal.valueOf(1_000_000);

  private final Map<String, BigDecimal> prices;

  private PriceTable(Map<String, BigDecimal> prices) {
    this.prices = Map.copyOf(prices);
  }

  public static PriceTable defaults() {
    Map<String, BigDecimal> p = new HashMap<>();
    for (String metering : new String[] {"payg", "quota-1", "quota-10", "quota-50"}) {
      BigDecimal home = metering.equals("payg") ? new BigDecimal("0.10") : new BigDecimal("0.05");
      p.put(metering + ".home", home);
      p.put(metering + ".national", home);
      p.put(metering + ".international", new BigDecimal("0.50"));
    }
    p.put("commands.home", new BigDecimal("0.01"));
    p.put("commands.national", new BigDecimal("0.01"));
    p.put("commands.international", new BigDecimal("0.05"));
    return new PriceTable(p);
  }

  /** The defaults with the entries of {@code spec} replaced; null or blank keeps the defaults. */
  public static PriceTable parse(String spec) {
    PriceTable base = defaults();
    if (spec == null || spec.isBlank()) {
      return base;
    }
    Map<String, BigDecimal> p = new HashMap<>(base.prices);
    for (String entry : spec.split(",")) {
      String[] kv = entry.trim().split("=", 2);
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      if (kv.length != 2 || !p.containsKey(key)) {
        throw new IllegalArgumentException("unknown entry '" + entry.trim()
            + "' (use <data_metering|commands>.<home|national|international>=<USD>)");
      }
      try {
        BigDecimal price = new BigDecimal(kv[1].trim());
        if (price.signum() < 0) {
          throw new NumberFormatException();
        }
        p.put(key, price);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + kv[1].trim() + "' is not a price");
      }
    }
    return new PriceTable(p);
  }

  /** The charge for {@code bytes} (may be negative for a correction) on a plan metered {@code metering}. */
  public BigDecimal data(String metering, String roaming, long bytes) {
    BigDecimal perMb = prices.getOrDefault(metering + "." + roaming, prices.get("payg." + roaming));
    return perMb.multiply(BigDecimal.valueOf(bytes)).divide(MB, MathContext.DECIMAL64);
  }

  public BigDecimal command(String roaming) {
    return prices.get("commands." + roaming);
  }
}
