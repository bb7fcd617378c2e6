package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The roaming data limits are never null: a plan created without them shows its DataLimit as both
 * (the Twilio contract declares non-null integers), and the network enforces exactly the limit the
 * plan shows.
 */
class RoamingDataLimitsTest extends ContractCheck {

  private final String p = UUID.randomUUID() + "-";
  private final OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);

  @Test
  void absentLimitsAreAnsweredAsTheDataLimitOnTheWire() {
    RawHttp http = new RawHttp(platform.baseUrl());
    String auth = bearer(platform.newAccount().authToken());
    HttpResponse<String> created = http.postForm("/v1/RatePlans", auth, "UniqueName", "wire", "DataLimit", "250");
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(created.body().contains("\"national_roaming_data_limit\":250,"), created.body());
    assertTrue(created.body().contains("\"international_roaming_data_limit\":250,"), created.body());

    JsonObject defaults = RawHttp.json(http.get("/v1/RatePlans/" + new JsonObject(created.body()).getString("sid"),
        auth), 200);
    assertEquals(250, defaults.getValue("national_roaming_data_limit"));
    assertEquals(250, defaults.getValue("international_roaming_data_limit"));

    JsonObject explicit = RawHttp.json(http.postForm("/v1/RatePlans", auth, "UniqueName", "given",
        "NationalRoamingDataLimit", "0", "InternationalRoamingDataLimit", "7"), 201);
    assertEquals(1000, explicit.getValue("data_limit"));
    assertEquals(0, explicit.getValue("national_roaming_data_limit"), "an explicit 0 stays 0");
    assertEquals(7, explicit.getValue("international_roaming_data_limit"));

    JsonArray listed = RawHttp.json(http.get("/v1/RatePlans", auth), 200).getJsonArray("rate_plans");
    for (Object plan : listed) {
      assertTrue(((JsonObject) plan).getValue("national_roaming_data_limit") instanceof Integer, plan.toString());
      assertTrue(((JsonObject) plan).getValue("international_roaming_data_limit") instanceof Integer, plan.toString());
    }
  }

  @Test
  void theNetworkEnforcesTheLimitThePlanShows() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "roamer", "DataLimit", "1", "NationalRoamingEnabled", "true",
        "InternationalRoaming", "data");
    JsonObject shown = account.get("/v1/RatePlans/" + plan);
    assertEquals(1, shown.getInteger("national_roaming_data_limit"));
    assertEquals(1, shown.getInteger("international_roaming_data_limit"));
    UsageTestAccount.Sim national = account.sims(2, plan, "active").get(0);
    UsageTestAccount.Sim abroad = account.sims(1, plan, "active").get(0);
    NetworkFeed feed = new NetworkFeed(platform);

    JsonObject within = feed.send(
        roaming(session("session_update", p + "n1", national.iccid(), "n", t, t.plusMinutes(1), 200_000, 700_000),
            "national", null),
        roaming(session("session_update", p + "i1", abroad.iccid(), "i", t, t.plusMinutes(1), 200_000, 700_000),
            "international", "DE"));
    assertEquals(new JsonArray(), within.getJsonArray("directives"), "0.9 MB of 1 MB: allowed");

    JsonObject over = feed.send(
        roaming(session("session_update", p + "n2", national.iccid(), "n", t, t.plusMinutes(2), 300_000, 800_000),
            "national", null),
        roaming(session("session_update", p + "i2", abroad.iccid(), "i", t, t.plusMinutes(2), 300_000, 800_000),
            "international", "DE"));
    assertEquals("national_roaming_data_limit", directive(over, national).getString("reason"));
    assertEquals("block", directive(over, national).getString("action"));
    assertEquals("international_roaming_data_limit", directive(over, abroad).getString("reason"));
  }

  private static JsonObject directive(JsonObject result, UsageTestAccount.Sim sim) {
    return result.getJsonArray("directives").stream().map(JsonObject.class::cast)
        .filter(d -> sim.sid().equals(d.getString("sim_sid"))).findFirst()
        .orElseThrow(() -> new AssertionError("no directive for " + sim.sid() + ": " + result.encode()));
  }
}
