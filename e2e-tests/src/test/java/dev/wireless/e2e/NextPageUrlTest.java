package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every list operation, with every filter it has set (values with reserved characters, date-times
 * with offsets of each sign, with and without a colon, and none), followed through
 * {@code next_page_url} to the end exactly as a client library does: every page is a 200 and the
 * pages together hold exactly the expected resources.
 */
class NextPageUrlTest extends ContractCheck {

  private static final String PLAN = "R&D+plan=1/2 #%";
  private static final String SIM_PREFIX = "s+&=/# %";
  private static final String OPERATOR = bearer(TestPlatform.OPERATOR_TOKEN);

  private final NewCredentials account = platform.newAccount();
  private final String auth = bearer(account.authToken());
  private final RawHttp http = new RawHttp(platform.baseUrl());

  @Test
  void everyListCanBeFollowedToItsEndWithEveryFilterSet() {
    String planSid = json(http.postForm("/v1/RatePlans", auth, "UniqueName", PLAN), 201).getString("sid");
    for (int i = 0; i < 4; i++) {
      json(http.postForm("/v1/RatePlans", auth, "UniqueName", "other+" + i), 201);
    }
    List<String> iccids = platform.importSims(account.accountSid(), SIM_PREFIX, 7);
    platform.sql("update sims set status = 'active', rate_plan_id = (select id from rate_plans where sid = '" + planSid
        + "') where account_sid = '" + account.accountSid() + "'");
    String talker = enc(SIM_PREFIX + "-0");
    String talkerSid = json(http.get("/v1/Sims/" + talker, auth), 200).getString("sid");

    List<JsonObject> sims = walk("/v1/Sims?Status=active&RatePlan=" + enc(PLAN) + "&PageSize=2", "sims");
    assertEquals(7, sims.size());
    sims.forEach(sim -> assertEquals(planSid, sim.getString("rate_plan_sid")));
    JsonObject third = json(http.get("/v1/Sims/" + enc(SIM_PREFIX + "-3"), auth), 200);
    assertEquals(1, walk("/v1/Sims?Status=active&Iccid=" + iccids.get(3) + "&RatePlan=" + enc(PLAN) + "&EId="
        + third.getString("eid") + "&SimRegistrationCode=RC-3&PageSize=1", "sims").size());

    assertEquals(5, walk("/v1/RatePlans?PageSize=2", "rate_plans").size());

    for (int i = 0; i < 5; i++) {
      json(http.postForm("/simulator/v1/Sims/" + talkerSid + "/Commands", OPERATOR, "Command", "t=" + i + "&x+y"), 201);
    }
    List<JsonObject> commands = walk("/v1/Commands?Sim=" + talker
        + "&Status=received&Direction=from_sim&Transport=sms&PageSize=2", "commands");
    assertEquals(5, commands.size());
    commands.forEach(command -> assertEquals(talkerSid, command.getString("sim_sid")));

    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    NetworkFeed feed = new NetworkFeed(platform);
    for (int i = 0; i < 5; i++) {
      feed.send(NetworkFeed.session("session_end", "page-" + talkerSid + "-" + i, iccids.get(0), "s-" + i,
          now.minusMinutes(30 + i), now.minusMinutes(20 + i), 1000, 2000));
    }
    assertEquals(5, walk("/v1/Sims/" + talker + "/DataSessions?PageSize=2", "data_sessions").size());

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertEquals(4, walk("/v1/Sims/" + talker + "/UsageRecords?Start=" + today.minusDays(4) + "T00:00:00&End="
        + today + "T00:00:00%2B0000&Granularity=daily&PageSize=3", "usage_records").size());
    assertEquals(4, walk("/v1/UsageRecords?Start=" + today.minusDays(5) + "T20:30:00-0330&End=" + today
        + "T01:00:00%2B01:00&Granularity=daily&PageSize=3", "usage_records").size());
    assertEquals(5, walk("/v1/UsageRecords?Start=" + today.minusDays(1) + "T01:00:00%2B01:00&End="
        + today.minusDays(1) + "T01:30:00-03:30&Granularity=hourly&PageSize=2", "usage_records").size());

    String quiet = json(http.get("/v1/Sims/" + enc(SIM_PREFIX + "-6"), auth), 200).getString("sid");
    platform.sql("update sims set status = 'suspended' where sid = '" + quiet + "'");
    for (int i = 0; i < 5; i++) {
      assertEquals(403, http.postForm("/simulator/v1/Sims/" + quiet + "/Commands", OPERATOR, "Command", "hi").statusCode());
    }
    String since = now.minusHours(1).atZoneSameInstant(ZoneOffset.ofHoursMinutes(-3, -30))
        .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx"));
    // without an offset, seconds always written (LocalDateTime.toString drops ":00" seconds)
    String until = now.plusHours(1).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
    List<JsonObject> alerts = walk("/v1/Alerts?ResourceSid=" + quiet + "&LogLevel=error&StartDate=" + since
        + "&EndDate=" + until + "&PageSize=2", "alerts");
    assertEquals(5, alerts.size());
    alerts.forEach(alert -> assertEquals(quiet, alert.getString("resource_sid")));

    json(http.postForm("/v1/WebhookSecrets", auth, "Name", "first"), 201);
    json(http.postForm("/v1/WebhookSecrets", auth, "Name", "second"), 201);
    assertEquals(2, walk("/v1/WebhookSecrets", "webhook_secrets").size());
  }

  @Test
  void aDateTimeInANextPageUrlKeepsItsSeconds() {
    String sim = platform.importSims(account.accountSid(), "alerting", 1).get(0);
    String sid = json(http.get("/v1/Sims?Iccid=" + sim, auth), 200).getJsonArray("sims").getJsonObject(0)
        .getString("sid");
    for (int i = 0; i < 3; i++) {
      assertEquals(403, http.postForm("/simulator/v1/Sims/" + sid + "/Commands", OPERATOR, "Command", "hi").statusCode());
    }
    String day = LocalDate.now(ZoneOffset.UTC).minusDays(1) + "T00:00:00Z";
    JsonObject first = json(http.get("/v1/Alerts?PageSize=1&StartDate=" + day, auth), 200);
    String next = first.getJsonObject("meta").getString("next_page_url");
    assertTrue(next.contains("StartDate=" + enc(day) + "&"), next);
    assertEquals(3, walk("/v1/Alerts?PageSize=1&StartDate=" + day, "alerts").size());
  }

  /** Follows next_page_url from {@code first} to the end; every page must be a 200. */
  private List<JsonObject> walk(String first, String key) {
    List<JsonObject> items = new ArrayList<>();
    String url = first;
    int pages = 0;
    while (url != null) {
      JsonObject page = json(http.get(url, auth), 200);
      page.getJsonArray(key).forEach(item -> items.add((JsonObject) item));
      assertTrue(++pages <= 50, "too many pages for " + first);
      url = page.getJsonObject("meta").getString("next_page_url");
    }
    if (items.stream().allMatch(item -> item.containsKey("sid"))) {
      assertEquals(items.size(), items.stream().map(item -> item.getString("sid")).distinct().count(), first);
    }
    assertNull(url);
    return items;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
