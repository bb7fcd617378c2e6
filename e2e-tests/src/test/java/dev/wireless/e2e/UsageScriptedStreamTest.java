package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static dev.wireless.e2e.UsageTrees.assertData;
import static dev.wireless.e2e.UsageTrees.assertEmpty;
import static dev.wireless.e2e.UsageTrees.assertInternational;
import static dev.wireless.e2e.UsageTrees.assertTreeSums;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.client.ApiClient;
import dev.wireless.client.api.UsageRecordsApi;
import dev.wireless.client.model.ListAccountUsageRecordResponse;
import dev.wireless.client.model.UsageGranularity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted event stream for two SIMs of one account gives exactly the expected DataSessions and
 * UsageRecords (hourly, daily, all; per SIM and per account), with roaming splits and billed
 * amounts from the default price table (payg: 0.10 USD/MB home and national, 0.50 abroad).
 *
 * <pre>
 * SIM A  session a1, home:   day0 10:05 start · 10:40 100k↑ 400k↓ · 11:20 end 150k↑ 650k↓
 *        session a2, DE:     day1 09:10 start · 09:50 end 200k↑ 800k↓
 * SIM B  session b1, national: day0 10:15 start · 10:30 1M↑ 1M↓ · 10:55 end (no growth)
 * </pre>
 */
class UsageScriptedStreamTest extends ContractCheck {

  private final OffsetDateTime day0 = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(3);
  private UsageTestAccount account;
  private UsageTestAccount.Sim a;
  private UsageTestAccount.Sim b;
  private String window;
  private final String prefix = java.util.UUID.randomUUID() + "-";

  @BeforeEach
  void streamTheScript() {
    account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "metered", "DataMetering", "payg", "NationalRoamingEnabled", "true",
        "InternationalRoaming", "data");
    var sims = account.sims(2, plan, "active");
    a = sims.get(0);
    b = sims.get(1);
    window = "Start=" + day0.toInstant() + "&End=" + day0.plusDays(2).toInstant();
    NetworkFeed feed = new NetworkFeed(platform);
    OffsetDateTime a2 = day0.plusDays(1);
    JsonObject first = feed.send(
        session("session_start", id("a1-1"), a.iccid(), "a1", at(10, 5), at(10, 5), 0, 0),
        session("session_update", id("a1-2"), a.iccid(), "a1", at(10, 5), at(10, 40), 100_000, 400_000),
        roaming(session("session_start", id("b1-1"), b.iccid(), "b1", at(10, 15), at(10, 15), 0, 0), "national", ""),
        roaming(session("session_update", id("b1-2"), b.iccid(), "b1", at(10, 15), at(10, 30), 1_000_000, 1_000_000),
            "national", ""),
        roaming(session("session_start", id("a2-1"), a.iccid(), "a2", a2.plusHours(9).plusMinutes(10),
            a2.plusHours(9).plusMinutes(10), 0, 0), "international", "DE"));
    assertEquals(5, first.getInteger("accepted"), first.encode());
    JsonObject open = account.get("/v1/Sims/" + a.sid() + "/DataSessions").getJsonArray("data_sessions")
        .getJsonObject(1);
    assertTrue(open.containsKey("end") && open.getValue("end") == null, "an open session has end null: " + open);
    JsonObject second = feed.send(
        session("session_end", id("a1-3"), a.iccid(), "a1", at(10, 5), at(11, 20), 150_000, 650_000),
        roaming(session("session_end", id("b1-3"), b.iccid(), "b1", at(10, 15), at(10, 55), 1_000_000, 1_000_000),
            "national", ""),
        roaming(session("session_end", id("a2-2"), a.iccid(), "a2", a2.plusHours(9).plusMinutes(10),
            a2.plusHours(9).plusMinutes(50), 200_000, 800_000), "international", "DE"));
    assertEquals(3, second.getInteger("accepted"), second.encode());
  }

  /** Event ids are the carrier's, unique across the whole feed: each test run gets its own. */
  private String id(String name) {
    return prefix + name;
  }

  private OffsetDateTime at(int hour, int minute) {
    return day0.plusHours(hour).plusMinutes(minute);
  }

  @Test
  void dataSessionsAreTheSessionsNewestFirstWithEveryField() {
    JsonArray sessions = account.get("/v1/Sims/" + a.sid() + "/DataSessions").getJsonArray("data_sessions");
    assertEquals(2, sessions.size());
    JsonObject abroad = sessions.getJsonObject(0);
    JsonObject home = sessions.getJsonObject(1);
    assertTrue(abroad.getString("sid").matches("^WN[0-9a-f]{32}$"));
    assertEquals(a.sid(), home.getString("sim_sid"));
    assertEquals(account.accountSid(), home.getString("account_sid"));
    assertEquals(instant(at(10, 5)), Instant.parse(home.getString("start")));
    assertEquals(instant(at(11, 20)), Instant.parse(home.getString("end")));
    assertEquals(instant(at(11, 20)), Instant.parse(home.getString("last_updated")));
    assertEquals(150L, home.getLong("packets_uploaded"));
    assertEquals(650L, home.getLong("packets_downloaded"));
    assertEquals("LTE", home.getString("radio_link"));
    assertEquals("310", home.getString("operator_mcc"));
    assertEquals("260", home.getString("operator_mnc"));
    assertEquals("USA", home.getString("operator_country"));
    assertEquals("T-Mobile USA", home.getString("operator_name"));
    assertEquals("310-260-40482-1243", home.getString("cell_id"));
    assertEquals(new JsonObject().put("lat", 47.61).put("lon", -122.33), home.getJsonObject("cell_location_estimate"));
    assertEquals("356938035643809", home.getString("imei"));
    assertEquals("Vodafone DE", abroad.getString("operator_name"));
    assertEquals("DEU", abroad.getString("operator_country"));
    JsonObject page = account.get("/v1/Sims/" + b.sid() + "/DataSessions?PageSize=1");
    assertEquals(1, page.getJsonArray("data_sessions").size());
    assertNull(page.getJsonObject("meta").getString("next_page_url"));
  }

  @Test
  void allGivesOneRecordPerSimAndForTheAccountWithRoamingSplitsAndBilledAmounts() throws Exception {
    JsonObject simA = only("/v1/Sims/" + a.sid() + "/UsageRecords?" + window);
    assertEquals(a.sid(), simA.getString("sim_sid"));
    assertEquals(instant(day0), Instant.parse(simA.getJsonObject("period").getString("start")));
    assertEquals(instant(day0.plusDays(2)), Instant.parse(simA.getJsonObject("period").getString("end")));
    assertData(simA.getJsonObject("data"), "home", 150_000, 650_000, 0.08);
    assertData(simA.getJsonObject("data"), "national_roaming", 0, 0, 0);
    assertInternational(simA.getJsonObject("data"), "DE", 200_000, 800_000, 0.50);
    assertEquals(1_800_000L, simA.getJsonObject("data").getLong("total"));

    JsonObject simB = only("/v1/Sims/" + b.sid() + "/UsageRecords?" + window + "&Granularity=all");
    assertData(simB.getJsonObject("data"), "national_roaming", 1_000_000, 1_000_000, 0.20);
    assertData(simB.getJsonObject("data"), "home", 0, 0, 0);
    assertInternational(simB.getJsonObject("data"));

    JsonObject all = only("/v1/UsageRecords?" + window);
    assertTrue(!all.containsKey("sim_sid"), "account records have no sim_sid");
    assertEquals(account.accountSid(), all.getString("account_sid"));
    assertData(all.getJsonObject("data"), "home", 150_000, 650_000, 0.08);
    assertData(all.getJsonObject("data"), "national_roaming", 1_000_000, 1_000_000, 0.20);
    assertInternational(all.getJsonObject("data"), "DE", 200_000, 800_000, 0.50);
    assertEquals(3_800_000L, all.getJsonObject("data").getLong("total"));
    assertEquals(0.78, all.getJsonObject("data").getDouble("billed"), 1e-9);
    assertEquals(0L, all.getJsonObject("commands").getLong("total"));

    ApiClient client = new ApiClient();
    client.updateBaseUri(platform.baseUrl());
    client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + account.credentials.authToken()));
    ListAccountUsageRecordResponse typed = new UsageRecordsApi(client).listAccountUsageRecord(day0,
        day0.plusDays(2), UsageGranularity.ALL, null, null, null);
    assertEquals(3_800_000L, typed.getUsageRecords().get(0).getData().getTotal());
  }

  @Test
  void hourlyPutsEachHoursGrowthInItsHour() {
    JsonArray records = account.get("/v1/Sims/" + a.sid() + "/UsageRecords?" + window
        + "&Granularity=hourly&PageSize=100").getJsonArray("usage_records");
    assertEquals(48, records.size());
    Map<Integer, long[]> expected = Map.of(10, new long[] {100_000, 400_000}, 11, new long[] {50_000, 250_000});
    for (int hour = 0; hour < 48; hour++) {
      JsonObject r = records.getJsonObject(hour);
      assertTreeSums(r);
      assertEquals(instant(day0.plusHours(hour)), Instant.parse(r.getJsonObject("period").getString("start")));
      assertEquals(instant(day0.plusHours(hour + 1)), Instant.parse(r.getJsonObject("period").getString("end")));
      if (expected.containsKey(hour)) {
        long[] e = expected.get(hour);
        assertData(r.getJsonObject("data"), "home", e[0], e[1], (e[0] + e[1]) * 0.10 / 1_000_000);
      } else if (hour == 33) {
        assertInternational(r.getJsonObject("data"), "DE", 200_000, 800_000, 0.50);
      } else {
        assertEmpty(r);
      }
    }
  }

  @Test
  void dailyCutsTheAccountsUsageByUtcDay() {
    JsonArray days = account.get("/v1/UsageRecords?" + window + "&Granularity=daily").getJsonArray("usage_records");
    assertEquals(2, days.size());
    days.forEach(d -> assertTreeSums((JsonObject) d));
    JsonObject first = days.getJsonObject(0).getJsonObject("data");
    assertData(first, "home", 150_000, 650_000, 0.08);
    assertData(first, "national_roaming", 1_000_000, 1_000_000, 0.20);
    assertInternational(first);
    assertEquals(0.28, first.getDouble("billed"), 1e-9);
    JsonObject second = days.getJsonObject(1).getJsonObject("data");
    assertData(second, "home", 0, 0, 0);
    assertInternational(second, "DE", 200_000, 800_000, 0.50);
    assertEquals(instant(day0.plusDays(1)), Instant.parse(days.getJsonObject(1).getJsonObject("period")
        .getString("start")));
  }

  private JsonObject only(String path) {
    JsonArray records = account.get(path).getJsonArray("usage_records");
    assertEquals(1, records.size(), records.encode());
    assertTreeSums(records.getJsonObject(0));
    return records.getJsonObject(0);
  }

  private static Instant instant(OffsetDateTime t) {
    return t.toInstant();
  }
}
