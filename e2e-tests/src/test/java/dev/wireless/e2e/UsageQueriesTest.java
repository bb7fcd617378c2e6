package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.usage.UsageMaintenance;
import dev.wireless.server.usage.UsageRepository;
import dev.wireless.server.usage.UsageWindow;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * How UsageRecords are read and kept: from the rollups (never raw events), 404 for SIMs that are
 * not the caller's, 400 for ranges that make no sense, and retention by dropping whole partitions.
 */
class UsageQueriesTest extends ContractCheck {

  @Test
  void theAccountQueryReadsOnlyTheAccountRollup() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (String granularity : new String[] {"hourly", "daily", "all"}) {
      UsageWindow window = UsageWindow.of(now.minusMonths(1), now, granularity, now);
      String sql = SqlExecutor.SQL.renderInlined(UsageRepository.accountQuery("AC" + "0".repeat(32), window,
          window.firstHour(), now));
      StringBuilder plan = new StringBuilder();
      for (Row row : TestPlatform.await(UsageTestAccount.pool(platform).query("explain " + sql).execute())) {
        plan.append(row.getString(0)).append('\n');
      }
      assertTrue(plan.toString().contains("usage_account_hourly"), plan.toString());
      assertEquals(!granularity.equals("hourly"), plan.toString().contains("usage_account_daily"),
          granularity + " reads whole days from the daily rollup:\n" + plan);
      for (String raw : new String[] {"network_events", "data_sessions", "usage_sim_hourly"}) {
        assertFalse(plan.toString().contains(raw), granularity + " plan reads " + raw + ":\n" + plan);
      }
    }
  }

  /**
   * Daily and whole-period records, which read whole days from the daily rollup and the partial
   * first and last day from the hourly one, add up exactly to the hourly records of the same window.
   */
  @Test
  void dailyAndAllRecordsAreTheSumsOfTheHourlyOnes() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "daily-sums", "DataMetering", "payg", "NationalRoamingEnabled",
        "true", "InternationalRoaming", "data");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    OffsetDateTime day0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
        .minusDays(4);
    String prefix = java.util.UUID.randomUUID() + "-";
    int[][] hours = {{0, 8}, {0, 14}, {0, 23}, {1, 3}, {1, 22}, {2, 0}, {2, 10}, {2, 12}};
    java.util.List<io.vertx.core.json.JsonObject> events = new java.util.ArrayList<>();
    for (int i = 0; i < hours.length; i++) {
      OffsetDateTime start = day0.plusDays(hours[i][0]).plusHours(hours[i][1]).plusMinutes(5);
      io.vertx.core.json.JsonObject end = NetworkFeed.session("session_end", prefix + i, sim.iccid(), "s" + i, start,
          start.plusMinutes(30), 10_000L * (i + 1), 40_000L * (i + 1));
      events.add(i % 3 == 1 ? NetworkFeed.roaming(end, "international", "DE")
          : i % 3 == 2 ? NetworkFeed.roaming(end, "national", "") : end);
    }
    assertEquals(hours.length, new NetworkFeed(platform).send(events).getInteger("accepted"));
    String window = "Start=" + day0.plusHours(13).toInstant() + "&End=" + day0.plusDays(2).plusHours(11).toInstant();

    io.vertx.core.json.JsonArray hourly = account.get("/v1/UsageRecords?" + window
        + "&Granularity=hourly&PageSize=1000").getJsonArray("usage_records");
    java.util.Map<String, long[]> byDay = new java.util.TreeMap<>();
    long[] all = new long[2];
    for (Object o : hourly) {
      io.vertx.core.json.JsonObject record = (io.vertx.core.json.JsonObject) o;
      String day = record.getJsonObject("period").getString("start").substring(0, 10);
      long total = record.getJsonObject("data").getLong("total");
      long billed = Math.round(record.getJsonObject("data").getDouble("billed") * 10_000);
      byDay.computeIfAbsent(day, d -> new long[2])[0] += total;
      byDay.get(day)[1] += billed;
      all[0] += total;
      all[1] += billed;
    }
    io.vertx.core.json.JsonArray daily = account.get("/v1/UsageRecords?" + window + "&Granularity=daily")
        .getJsonArray("usage_records");
    assertEquals(3, daily.size());
    assertEquals(50_000L * (2 + 3 + 4 + 5 + 6 + 7), all[0],
        "the hourly records hold the six sessions inside the window");
    for (Object o : daily) {
      io.vertx.core.json.JsonObject record = (io.vertx.core.json.JsonObject) o;
      long[] expected = byDay.get(record.getJsonObject("period").getString("start").substring(0, 10));
      assertEquals(expected[0], record.getJsonObject("data").getLong("total"), record.encode());
      assertEquals(expected[1], Math.round(record.getJsonObject("data").getDouble("billed") * 10_000),
          record.encode());
      UsageTrees.assertTreeSums(record);
    }
    io.vertx.core.json.JsonObject whole = account.get("/v1/UsageRecords?" + window + "&Granularity=all")
        .getJsonArray("usage_records").getJsonObject(0);
    assertEquals(all[0], whole.getJsonObject("data").getLong("total"));
    assertEquals(all[1], Math.round(whole.getJsonObject("data").getDouble("billed") * 10_000));
  }

  @Test
  void unknownAndForeignSimsAreNotFound() {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "q"), "active").get(0);
    UsageTestAccount other = new UsageTestAccount(platform);
    String unknown = "DE" + "0".repeat(32);
    for (String path : new String[] {"/v1/Sims/" + unknown + "/UsageRecords", "/v1/Sims/" + unknown + "/DataSessions",
        "/v1/Sims/" + sim.sid() + "/UsageRecords", "/v1/Sims/" + sim.sid() + "/DataSessions"}) {
      assertError(other.http.get(path, other.auth), 404, 20404);
    }
    assertEquals(1, account.get("/v1/Sims/" + sim.sid() + "/UsageRecords").getJsonArray("usage_records").size());
    assertEquals(0, account.get("/v1/Sims/" + sim.sid() + "/DataSessions").getJsonArray("data_sessions").size());
  }

  @Test
  void badRangesAreRefusedWith400() {
    UsageTestAccount account = new UsageTestAccount(platform);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    assertError(account.http.get("/v1/UsageRecords?Start=" + now.toInstant() + "&End=" + now.minusDays(1).toInstant(),
        account.auth), 400, 33101);
    assertError(account.http.get("/v1/UsageRecords?Start=" + now.minusMonths(19).toInstant(), account.auth),
        400, 33101);
    for (String bad : new String[] {"Start=yesterday", "End=2026-13-45T00:00:00Z", "Granularity=weekly"}) {
      assertEquals(400, account.http.get("/v1/UsageRecords?" + bad, account.auth).statusCode(), bad);
    }
    io.vertx.core.json.JsonObject period = account.get("/v1/UsageRecords").getJsonArray("usage_records")
        .getJsonObject(0).getJsonObject("period");
    OffsetDateTime end = OffsetDateTime.parse(period.getString("end"));
    assertTrue(Math.abs(java.time.Duration.between(now, end).toMinutes()) < 5, "End defaults to now: " + period);
    assertEquals(end.minusMonths(1).toInstant(), OffsetDateTime.parse(period.getString("start")).toInstant(),
        "Start defaults to End - 1 month");
  }

  @Test
  void hourlyRecordsPageForwardAndBack() {
    UsageTestAccount account = new UsageTestAccount(platform);
    OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    String query = "/v1/UsageRecords?Start=" + end.minusDays(1).toInstant() + "&End=" + end.toInstant()
        + "&Granularity=hourly&PageSize=10";
    io.vertx.core.json.JsonObject first = account.get(query);
    io.vertx.core.json.JsonObject second = account.get(first.getJsonObject("meta").getString("next_page_url"));
    io.vertx.core.json.JsonObject third = account.get(second.getJsonObject("meta").getString("next_page_url"));
    assertEquals(10, first.getJsonArray("usage_records").size());
    assertEquals(4, third.getJsonArray("usage_records").size());
    assertEquals(null, third.getJsonObject("meta").getString("next_page_url"));
    assertEquals(end.minusHours(1).toInstant(), OffsetDateTime.parse(third.getJsonArray("usage_records")
        .getJsonObject(3).getJsonObject("period").getString("start")).toInstant());
    assertEquals(first.getJsonArray("usage_records"),
        account.get(second.getJsonObject("meta").getString("previous_page_url")).getJsonArray("usage_records"));
  }

  @Test
  void retentionDropsWholePartitionsPastTheirAge() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    var pool = UsageTestAccount.pool(platform);
    TestPlatform.await(pool.query("select wireless_ensure_month_partitions('network_events', now() - interval "
        + "'3 months', 1), wireless_ensure_month_partitions('usage_sim_hourly', now() - interval '21 months', 1)")
        .execute());
    String oldEvents = "network_events_" + month(now.minusMonths(3));
    String oldUsage = "usage_sim_hourly_" + month(now.minusMonths(21));
    assertTrue(exists(oldEvents) && exists(oldUsage));

    TestPlatform.await(UsageMaintenance.run(pool, now));
    assertFalse(exists(oldEvents), "events older than 30 days are dropped with their month");
    assertFalse(exists(oldUsage), "usage older than 18 months is dropped with its month");
    assertTrue(exists("network_events_" + month(now)));
    assertTrue(exists("usage_sim_hourly_" + month(now.minusMonths(18))), "18 months of usage are kept");
  }

  private boolean exists(String partition) {
    return TestPlatform.await(UsageTestAccount.pool(platform).query("select to_regclass('wireless_partitions."
        + partition + "') is not null").execute()).iterator().next().getBoolean(0);
  }

  private static String month(OffsetDateTime t) {
    return t.format(DateTimeFormatter.ofPattern("yyyyMM"));
  }
}
