package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Commands and where the SIM is on the network, which its latest data session tells (or, for a
 * message from the SIM, the network's report of it): roaming in another country, a SIM may neither
 * receive (33201) nor send (33203) Commands unless its plan's {@code international_roaming} has
 * {@code messaging}; and every Command is counted and billed in the roaming class of the SIM when
 * it was sent, in the SIM's and the account's UsageRecords.
 */
class CommandsRoamingTest extends ContractCheck {

  private static final String OPERATOR = bearer(TestPlatform.OPERATOR_TOKEN);

  private final String p = UUID.randomUUID() + "-";
  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

  @Test
  void abroadWithoutMessagingASimNeitherReceivesNorSendsCommands() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "data-abroad", "InternationalRoaming", "data");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    NetworkFeed feed = new NetworkFeed(platform);
    json(command(account, sim, "at home"), 201);

    feed.send(roaming(session("session_start", p + "1", sim.iccid(), "trip", now, now, 0, 0), "international", "DE"));
    JsonObject refused = assertError(command(account, sim, "abroad"), 403, 33201);
    assertEquals("The SIM is roaming in another country (DE) and its rate plan's InternationalRoaming does not "
        + "include messaging", refused.getString("message"));
    assertError(simulate(sim, "Command", "from abroad"), 403, 33203);
    JsonObject fed = feed.send(new JsonObject().put("type", "sms_mo").put("event_id", p + "mo").put("iccid", sim.iccid())
        .put("time", now.toString()).put("payload", "from abroad"));
    assertEquals(33203, fed.getJsonArray("results").getJsonObject(0).getInteger("code"), fed.encode());
    assertEquals(1, json(account.http.get("/v1/Commands", account.auth), 200).getJsonArray("commands").size());

    // back home: a new session on the home network
    feed.send(session("session_start", p + "2", sim.iccid(), "home", now.plusSeconds(1), now.plusSeconds(1), 0, 0));
    json(command(account, sim, "welcome back"), 201);
    json(simulate(sim, "Command", "glad to be home"), 201);
  }

  @Test
  void abroadWithMessagingCommandsAreCountedInTheVisitedCountry() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "world", "InternationalRoaming", "data", "InternationalRoaming",
        "messaging");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    new NetworkFeed(platform).send(roaming(session("session_start", p + "1", sim.iccid(), "trip", now, now, 0, 0),
        "international", "DE"));
    json(command(account, sim, "guten tag"), 201);
    json(simulate(sim, "Command", "hallo"), 201);

    for (String path : new String[] {"/v1/Sims/" + sim.sid() + "/UsageRecords", "/v1/UsageRecords"}) {
      JsonObject commands = account.get(path).getJsonArray("usage_records").getJsonObject(0)
          .getJsonObject("commands");
      JsonArray abroad = commands.getJsonArray("international_roaming");
      assertEquals(1, abroad.size(), commands.encode());
      assertEquals("DE", abroad.getJsonObject(0).getString("country_code"));
      assertEquals(1, abroad.getJsonObject(0).getLong("to_sim"));
      assertEquals(1, abroad.getJsonObject(0).getLong("from_sim"));
      assertEquals(0.10, abroad.getJsonObject(0).getDouble("billed"), 1e-9, "2 Commands at 0.05 USD");
      assertEquals(0, commands.getJsonObject("home").getLong("total"));
    }
  }

  @Test
  void commandsSentWhileNationalRoamingAreCountedAndBilledAsNationalRoaming() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "roamer", "NationalRoamingEnabled", "true");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    json(command(account, sim, "at home"), 201);
    new NetworkFeed(platform).send(roaming(session("session_start", p + "1", sim.iccid(), "road", now, now, 0, 0),
        "national", null));
    json(command(account, sim, "on the road"), 201);
    json(command(account, sim, "still on the road"), 201);
    json(simulate(sim, "Command", "roger"), 201);

    for (String path : new String[] {"/v1/Sims/" + sim.sid() + "/UsageRecords", "/v1/UsageRecords"}) {
      JsonObject record = account.get(path).getJsonArray("usage_records").getJsonObject(0);
      UsageTrees.assertTreeSums(record);
      JsonObject commands = record.getJsonObject("commands");
      JsonObject national = commands.getJsonObject("national_roaming");
      assertEquals(2, national.getLong("to_sim"), commands.encode());
      assertEquals(1, national.getLong("from_sim"));
      assertEquals(3, national.getLong("total"));
      assertEquals(0.03, national.getDouble("billed"), 1e-9, "3 Commands at 0.01 USD");
      assertEquals(1, commands.getJsonObject("home").getLong("to_sim"));
      assertEquals(0, commands.getJsonObject("home").getLong("from_sim"));
      assertEquals(0.04, commands.getDouble("billed"), 1e-9);
      assertEquals(new JsonArray(), commands.getJsonArray("international_roaming"));
    }
  }

  private static HttpResponse<String> command(UsageTestAccount account, UsageTestAccount.Sim sim, String text) {
    return account.http.postForm("/v1/Commands", account.auth, "Sim", sim.sid(), "Command", text);
  }

  private HttpResponse<String> simulate(UsageTestAccount.Sim sim, String... form) {
    return new RawHttp(platform.baseUrl()).postForm("/simulator/v1/Sims/" + sim.sid() + "/Commands", OPERATOR, form);
  }
}
