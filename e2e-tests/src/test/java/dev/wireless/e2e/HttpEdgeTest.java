package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge as real clients use it, on the raw wire (the query strings and bodies below are
 * the exact bytes sent): values percent-decoded exactly once in every location, date-times in the
 * shapes client libraries send, pairs with an empty name ignored, and {@code Allow} on every 405.
 */
class HttpEdgeTest extends ContractCheck {

  private static final String FORM = "application/x-www-form-urlencoded";
  /** A unique name with every reserved character, and its percent-encoded form. */
  private static final String RESERVED = "a+b&c=d/e#f g%h";
  private static final String RESERVED_ENCODED = "a%2Bb%26c%3Dd%2Fe%23f%20g%25h";

  private RawHttp http;
  private String auth;
  private NewCredentials account;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
    auth = bearer(account.authToken());
    platform.importSims(account.accountSid(), "edge", 2);
  }

  @Test
  void queryAndPathValuesAreDecodedExactlyOnce() {
    JsonObject plan = json(http.post("/v1/RatePlans", auth, FORM, "UniqueName=plus%2Bplan"), 201);
    assertEquals("plus+plan", plan.getString("unique_name"));
    onPlan("edge-0", plan.getString("sid"));

    JsonObject onPlus = json(http.get("/v1/Sims?RatePlan=plus%2Bplan", auth), 200);
    assertEquals(1, onPlus.getJsonArray("sims").size(), onPlus.encode());
    assertEquals("edge-0", onPlus.getJsonArray("sims").getJsonObject(0).getString("unique_name"));
    assertTrue(onPlus.getJsonObject("meta").getString("url").endsWith("/v1/Sims?RatePlan=plus%2Bplan&PageSize=50&Page=0"),
        onPlus.getJsonObject("meta").encode());
    assertEquals(0, json(http.get("/v1/Sims?RatePlan=plus+plan", auth), 200).getJsonArray("sims").size(),
        "a + in a query is a space: the plan 'plus plan' does not exist");
    assertEquals(plan, json(http.get("/v1/RatePlans/plus%2Bplan", auth), 200));
    assertEquals(plan, json(http.get("/v1/RatePlans/plus+plan", auth), 200), "a + in a path is itself");

    JsonObject percent = json(http.get("/v1/Sims?Iccid=%25", auth), 200);
    assertEquals(new JsonArray(), percent.getJsonArray("sims"));
    assertTrue(percent.getJsonObject("meta").getString("url").contains("?Iccid=%25&"), percent.encode());
    for (String literal : new String[] {"%22x%22", "-1", "%5C", "null", "%5B1%5D", "%7B%7D"}) {
      JsonObject page = json(http.get("/v1/Sims?Iccid=" + literal, auth), 200);
      assertEquals(new JsonArray(), page.getJsonArray("sims"), literal + " is searched for as the text it is");
      assertTrue(page.getJsonObject("meta").getString("url").contains("?Iccid=" + literal + "&"), page.encode());
    }

    platform.sql("update sims set unique_name = '" + RESERVED + "' where account_sid = '" + account.accountSid()
        + "' and unique_name = 'edge-1'");
    JsonObject sim = json(http.get("/v1/Sims/" + RESERVED_ENCODED, auth), 200);
    assertEquals(RESERVED, sim.getString("unique_name"));
    JsonObject commands = json(http.get("/v1/Commands?Sim=" + RESERVED_ENCODED + "&PageSize=5", auth), 200);
    assertEquals(new JsonArray(), commands.getJsonArray("commands"));
    assertTrue(commands.getJsonObject("meta").getString("url")
        .endsWith("/v1/Commands?Sim=a%2Bb%26c%3Dd%2Fe%23f+g%25h&PageSize=5&Page=0"), commands.encode());
    assertEquals(sim, json(http.get("/v1/Sims/" + sim.getString("sid"), auth), 200));
    String wire = " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + account.authToken() + "\r\n";
    assertTrue(WireExchange.send(platform.server().port(), "GET /v1/Sims?Iccid=%zz" + wire, "").error(400, 33101)
        .getString("message").contains("Iccid"));
    assertEquals(2, WireExchange.send(platform.server().port(), "GET /v1/Sims?%zz=1&Un%known=%zz" + wire, "").json(200)
        .getJsonArray("sims").size(), "names that cannot be decoded name no parameter: ignored");
  }

  @Test
  void dateTimesAreReadInTheShapesClientLibrariesSend() {
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(2).toString();
    String before = LocalDate.parse(day).minusDays(1).toString();
    String[][] startAndPeriodStart = {
        {day + "T00:00:00", day + "T00:00:00Z"},
        {day + "T00:00:00Z", day + "T00:00:00Z"},
        {day + "T00:00:00%2B0000", day + "T00:00:00Z"},
        {day + "T00:00:00-0000", day + "T00:00:00Z"},
        {day + "T00:00:00%2B00:00", day + "T00:00:00Z"},
        {day + "T00:00:00-0330", day + "T03:30:00Z"},
        {day + "T00:00:00-03:30", day + "T03:30:00Z"},
        {day + "T00:00:00%2B01:00", before + "T23:00:00Z"},
        {day + "T00%3A00%3A00%2B01%3A00", before + "T23:00:00Z"},
        {day + "T00:00:00%2B0100", before + "T23:00:00Z"}};
    String end = LocalDate.parse(day).plusDays(1) + "T00:00:00";
    for (String[] pair : startAndPeriodStart) {
      JsonObject period = json(http.get("/v1/UsageRecords?Start=" + pair[0] + "&End=" + end, auth), 200)
          .getJsonArray("usage_records").getJsonObject(0).getJsonObject("period");
      assertEquals(pair[1], period.getString("start"), pair[0]);
      assertEquals(end + "Z", period.getString("end"), pair[0]);
      JsonObject simPeriod = json(http.get("/v1/Sims/edge-0/UsageRecords?Start=" + pair[0] + "&End=" + end, auth), 200)
          .getJsonArray("usage_records").getJsonObject(0).getJsonObject("period");
      assertEquals(pair[1], simPeriod.getString("start"), pair[0]);
      json(http.get("/v1/Alerts?StartDate=" + pair[0] + "&EndDate=" + end, auth), 200);
    }
    for (String bad : new String[] {day, day + "T25:00:00", day + "T00:00", day + "T00:00:00%2B25:00",
        day + "T00:00:00%2B1", "yesterday", day + "T00:00:00ZZ"}) {
      assertTrue(assertError(http.get("/v1/UsageRecords?Start=" + bad, auth), 400, 33101).getString("message")
          .contains("Start"), bad);
      assertError(http.get("/v1/Alerts?EndDate=" + bad, auth), 400, 33101);
    }
  }

  @Test
  void formPairsWithAnEmptyNameAreIgnoredLikeUnknownOnes() {
    assertEquals("e1", json(http.post("/v1/RatePlans", auth, FORM, "=x&UniqueName=e1"), 201).getString("unique_name"));
    assertEquals("e2", json(http.post("/v1/RatePlans", auth, FORM, "&&UniqueName=e2&&="), 201).getString("unique_name"));
    assertEquals(null, json(http.post("/v1/RatePlans", auth, FORM, "="), 201).getString("unique_name"));
    assertEquals("renamed", json(http.post("/v1/Sims/edge-0", auth, FORM, "=x&FriendlyName=renamed&="), 200)
        .getString("friendly_name"));
    assertEquals(1, json(http.get("/v1/Sims?=x&&PageSize=1&=", auth), 200).getJsonObject("meta").getInteger("page_size"));
  }

  @Test
  void everyMethodNotAllowedAnswerNamesTheAllowedMethods() {
    assertAllow(http.delete("/v1/RatePlans", auth), "GET, POST");
    assertAllow(http.delete("/v1/RatePlans.json", auth), "GET, POST");
    assertAllow(http.delete("/v1/Sims", auth), "GET");
    assertAllow(http.delete("/v1/UsageRecords", auth), "GET");
    assertAllow(http.delete("/v1/Alerts/NO" + "0".repeat(32) + "/Redeliver", auth), "POST");
    assertAllow(http.post("/v1/Alerts", auth, FORM, "a=b"), "GET");
    assertAllow(http.delete("/v1/WebhookSecrets/whs_x", auth), "POST");
  }

  private static void assertAllow(java.net.http.HttpResponse<String> response, String allowed) {
    assertError(response, 405, 20004);
    assertEquals(allowed, response.headers().firstValue("Allow").orElse(null), response.uri().toString());
  }

  private void onPlan(String simName, String planSid) {
    platform.sql("update sims set rate_plan_id = (select id from rate_plans where sid = '" + planSid
        + "') where account_sid = '" + account.accountSid() + "' and unique_name = '" + simName + "'");
  }
}
