package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Assertions on UsageRecords: the tree-sum rule (each branch the sum of its children), and expected leaf values. */
final class UsageTrees {

  private static final double CENT_FRACTION = 1e-9;

  private UsageTrees() {
  }

  /** Every top-level counter and amount equals home + national_roaming + Σ international_roaming. */
  static void assertTreeSums(JsonObject record) {
    JsonObject data = record.getJsonObject("data");
    for (String field : List.of("upload", "download", "total")) {
      assertEquals(data.getLong(field), sum(data, field), "data." + field + " of " + record.encode());
    }
    assertEquals(data.getLong("total"), data.getLong("upload") + data.getLong("download"));
    assertEquals(data.getDouble("billed"), sumBilled(data), CENT_FRACTION, "data.billed of " + record.encode());
    assertEquals("bytes", data.getString("units"));
    assertEquals("USD", data.getString("billing_units"));
    JsonObject commands = record.getJsonObject("commands");
    for (String field : List.of("to_sim", "from_sim", "total")) {
      assertEquals(commands.getLong(field), sum(commands, field), "commands." + field + " of " + record.encode());
    }
    assertEquals(commands.getLong("total"), commands.getLong("to_sim") + commands.getLong("from_sim"));
    assertEquals(commands.getDouble("billed"), sumBilled(commands), CENT_FRACTION);
  }

  private static long sum(JsonObject tree, String field) {
    long total = tree.getJsonObject("home").getLong(field) + tree.getJsonObject("national_roaming").getLong(field);
    for (Object country : tree.getJsonArray("international_roaming")) {
      total += ((JsonObject) country).getLong(field);
    }
    return total;
  }

  private static double sumBilled(JsonObject tree) {
    double total = tree.getJsonObject("home").getDouble("billed")
        + tree.getJsonObject("national_roaming").getDouble("billed");
    for (Object country : tree.getJsonArray("international_roaming")) {
      total += ((JsonObject) country).getDouble("billed");
    }
    return total;
  }

  /** {@code counts} (upload, download, billed) as the given leaf of {@code data}. */
  static void assertData(JsonObject data, String leaf, long upload, long download, double billed) {
    JsonObject counts = data.getJsonObject(leaf);
    assertEquals(upload, counts.getLong("upload"), leaf + " upload in " + data.encode());
    assertEquals(download, counts.getLong("download"), leaf + " download in " + data.encode());
    assertEquals(upload + download, counts.getLong("total"));
    assertEquals(billed, counts.getDouble("billed"), CENT_FRACTION, leaf + " billed in " + data.encode());
  }

  /** The international entries of {@code data}: exactly one per country given, as country → (up, down, billed). */
  static void assertInternational(JsonObject data, Object... countryUpDownBilled) {
    JsonArray international = data.getJsonArray("international_roaming");
    assertEquals(countryUpDownBilled.length / 4, international.size(), data.encode());
    for (int i = 0; i < countryUpDownBilled.length; i += 4) {
      JsonObject c = international.getJsonObject(i / 4);
      assertEquals(countryUpDownBilled[i], c.getString("country_code"));
      assertEquals(((Number) countryUpDownBilled[i + 1]).longValue(), c.getLong("upload"));
      assertEquals(((Number) countryUpDownBilled[i + 2]).longValue(), c.getLong("download"));
      assertEquals(((Number) countryUpDownBilled[i + 3]).doubleValue(), c.getDouble("billed"), CENT_FRACTION);
    }
  }

  /** A record with no usage at all. */
  static void assertEmpty(JsonObject record) {
    assertEquals(0L, record.getJsonObject("data").getLong("total"), record.encode());
    assertEquals(0L, record.getJsonObject("commands").getLong("total"), record.encode());
    assertEquals(0.0, record.getJsonObject("data").getDouble("billed"), CENT_FRACTION);
  }
}
