package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Accounts kept apart on every operation of the contract: account B, holding A's SIDs and unique
 * names, gets 404 with the error body from every operation that names one of A's resources, and
 * A's rows never appear in B's lists. The test fails when the contract gains an operation this
 * table does not cover.
 */
class CrossAccountIsolationTest {

  private final TestPlatform platform = TestPlatform.get();
  private final Set<String> covered = new HashSet<>();

  @Test
  void anotherAccountsResourcesDoNotExistOnAnyOperation() {
    CommandsFixture a = new CommandsFixture(platform);
    String simSid = a.sim("iso-sim", "active", true);
    String iccid = json(a.http.get("/v1/Sims/" + simSid, a.auth), 200).getString("iccid");
    String planSid = json(a.http.postForm("/v1/RatePlans", a.auth, "UniqueName", "iso-plan"), 201).getString("sid");
    String commandSid = a.created("Sim", simSid, "Command", "isolated").getString("sid");
    String quiet = a.sim("iso-quiet", "suspended", true);
    assertError(a.http.postForm("/simulator/v1/Sims/" + quiet + "/Commands", bearer(CommandsFixture.OPERATOR_TOKEN),
        "Command", "hi"), 403, 33203); // leaves a Debugger alert on A
    Await.awaitUntil(java.time.Duration.ofSeconds(10), () -> !json(a.http.get("/v1/Alerts", a.auth), 200)
        .getJsonArray("alerts").isEmpty());
    String alertSid = json(a.http.get("/v1/Alerts", a.auth), 200).getJsonArray("alerts").getJsonObject(0)
        .getString("sid");
    String secretId = json(a.http.postForm("/v1/WebhookSecrets", a.auth, "Name", "iso"), 201).getString("id");

    CommandsFixture b = new CommandsFixture(platform);
    b.sim("own-sim", "active", true);
    RawHttp http = b.http;
    String auth = b.auth;
    for (String sim : List.of(simSid, "iso-sim")) {
      notFound("FetchSim", () -> http.get("/v1/Sims/" + sim, auth));
      notFound("UpdateSim", () -> http.postForm("/v1/Sims/" + sim, auth, "FriendlyName", "stolen"));
      notFound("DeleteSim", () -> http.delete("/v1/Sims/" + sim, auth));
      notFound("ListDataSession", () -> http.get("/v1/Sims/" + sim + "/DataSessions", auth));
      notFound("ListUsageRecord", () -> http.get("/v1/Sims/" + sim + "/UsageRecords", auth));
      notFound("CreateCommand", () -> http.postForm("/v1/Commands", auth, "Sim", sim, "Command", "x"));
    }
    for (String plan : List.of(planSid, "iso-plan")) {
      notFound("FetchRatePlan", () -> http.get("/v1/RatePlans/" + plan, auth));
      notFound("UpdateRatePlan", () -> http.postForm("/v1/RatePlans/" + plan, auth, "FriendlyName", "stolen"));
      notFound("DeleteRatePlan", () -> http.delete("/v1/RatePlans/" + plan, auth));
      notFound("UpdateSim", () -> http.postForm("/v1/Sims/own-sim", auth, "RatePlan", plan));
    }
    notFound("FetchCommand", () -> http.get("/v1/Commands/" + commandSid, auth));
    notFound("DeleteCommand", () -> http.delete("/v1/Commands/" + commandSid, auth));
    notFound("FetchAlert", () -> http.get("/v1/Alerts/" + alertSid, auth));
    notFound("RedeliverAlert", () -> http.postForm("/v1/Alerts/" + alertSid + "/Redeliver", auth));
    notFound("UpdateWebhookSecret", () -> http.postForm("/v1/WebhookSecrets/" + secretId, auth, "Status", "active"));
    notFound("getSecret", () -> http.get("/v1/secrets/" + secretId, auth));
    notFound("modifySecret", () -> http.exchange("PATCH", "/v1/secrets/" + secretId, "{\"Status\":\"active\"}",
        "Authorization", auth, "Content-Type", "application/json"));

    String everything = String.join("\n",
        listed("ListSim", http.get("/v1/Sims?PageSize=1000", auth)),
        listed("ListSim", http.get("/v1/Sims?Iccid=" + iccid, auth)),
        listed("ListRatePlan", http.get("/v1/RatePlans?PageSize=1000", auth)),
        listed("ListCommand", http.get("/v1/Commands?PageSize=1000", auth)),
        listed("ListAlert", http.get("/v1/Alerts?PageSize=1000", auth)),
        listed("ListWebhookSecret", http.get("/v1/WebhookSecrets", auth)),
        listed("getSecrets", http.get("/v1/secrets?page_size=1000", auth)),
        listed("ListAccountUsageRecord", http.get("/v1/UsageRecords?Granularity=all", auth)));
    for (String foreign : List.of(simSid, iccid, planSid, commandSid, alertSid, secretId, a.account.accountSid())) {
      assertFalse(everything.contains(foreign), "B's lists show A's " + foreign);
    }
    assertEquals(200, http.get("/v1/Sims/own-sim", auth).statusCode(), "B still sees its own SIM");
    assertEquals(200, a.http.get("/v1/Sims/iso-sim", a.auth).statusCode(), "A's SIM is untouched");
    assertEquals("isolated", a.fetch(commandSid).getString("command"), "A's Command is untouched");

    Set<String> operations = new HashSet<>();
    JsonObject paths = new JsonObject(http.get("/v1/openapi.json", null).body()).getJsonObject("paths");
    paths.forEach(p -> ((JsonObject) p.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject operation && operation.containsKey("operationId")) {
        operations.add(operation.getString("operationId"));
      }
    }));
    operations.removeAll(Set.of("CreateAccessToken", "CreateKoreAccessToken", "CreateRatePlan", "CreateWebhookSecret",
        "createSecret"));
    operations.removeAll(covered);
    assertTrue(operations.isEmpty(), "operations without an isolation check: " + operations);
  }

  private void notFound(String operation, Supplier<HttpResponse<String>> call) {
    HttpResponse<String> response = call.get();
    assertEquals(404, response.statusCode(), operation + ": " + response.body());
    assertError(response, 404, new JsonObject(response.body()).getInteger("code"));
    covered.add(operation);
  }

  /** The list's items (not its meta, which echoes the filters sent). */
  private String listed(String operation, HttpResponse<String> response) {
    covered.add(operation);
    JsonObject page = json(response, 200);
    page.remove("meta");
    return page.encode();
  }
}
