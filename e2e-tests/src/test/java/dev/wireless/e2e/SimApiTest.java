package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.sims.Iccids;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sims on the shared platform: inventory import, every read operation, field-only updates, refusals, deletion. */
class SimApiTest extends ContractCheck {

  private static final Vertx VERTX = Vertx.vertx();
  private static Pool pool;

  private RawHttp http;
  private NewCredentials account;
  private String auth;

  @BeforeEach
  void newAccount() {
    if (pool == null) {
      pool = PgBuilder.pool().connectingTo(platform.server().database().location().connectOptions()).using(VERTX)
          .build();
    }
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
    auth = bearer(account.authToken());
  }

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @Test
  void theDemoAccountHasASeededFleet() {
    String demo = bearer(platform.server().demoCredentials().authToken());
    JsonArray sims = json(http.get("/v1/Sims?PageSize=1000", demo), 200).getJsonArray("sims");
    assertTrue(sims.size() >= 20, sims.encode());
    Set<String> statuses = new HashSet<>();
    sims.forEach(s -> statuses.add(((JsonObject) s).getString("status")));
    assertTrue(statuses.containsAll(Set.of("new", "ready", "active", "suspended")), statuses.toString());
    JsonArray plans = json(http.get("/v1/RatePlans", demo), 200).getJsonArray("rate_plans");
    assertEquals("demo", plans.getJsonObject(0).getString("unique_name"));
  }

  @Test
  void filtersUniqueNamesAndPagingOver1000ImportedSims() {
    List<String> iccids = importSims(account, 1000);
    String plan = createRatePlan("fleet");
    platform.sql("update sims set status = 'active', rate_plan_id = (select id from rate_plans where sid = '" + plan
        + "') where account_sid = '" + account.accountSid() + "' and unique_name like 'sim-%7'");

    Set<String> seen = new HashSet<>();
    String next = "/v1/Sims?PageSize=100";
    int pages = 0;
    while (next != null) {
      JsonObject page = json(http.get(next, auth), 200);
      assertEquals("sims", page.getJsonObject("meta").getString("key"));
      if (pages == 0) {
        assertNull(page.getJsonObject("meta").getString("previous_page_url"));
      } else {
        assertNotNull(page.getJsonObject("meta").getString("previous_page_url"));
      }
      page.getJsonArray("sims").forEach(s -> seen.add(((JsonObject) s).getString("sid")));
      next = page.getJsonObject("meta").getString("next_page_url");
      pages++;
    }
    assertEquals(1000, seen.size());
    assertEquals(10, pages);

    JsonObject active = json(http.get("/v1/Sims?Status=active&PageSize=1000", auth), 200);
    assertEquals(100, active.getJsonArray("sims").size());
    assertTrue(active.getJsonObject("meta").getString("url").endsWith("/v1/Sims?Status=active&PageSize=1000&Page=0"));
    JsonObject byName = json(http.get("/v1/Sims?RatePlan=fleet&PageSize=1000", auth), 200);
    JsonObject bySid = json(http.get("/v1/Sims?RatePlan=" + plan + "&PageSize=1000", auth), 200);
    assertEquals(byName.getJsonArray("sims"), bySid.getJsonArray("sims"));
    assertEquals(100, bySid.getJsonArray("sims").size());
    assertEquals(0, json(http.get("/v1/Sims?RatePlan=nope", auth), 200).getJsonArray("sims").size());

    JsonArray one = json(http.get("/v1/Sims?Iccid=" + iccids.get(42), auth), 200).getJsonArray("sims");
    assertEquals(1, one.size());
    assertEquals("sim-42", one.getJsonObject(0).getString("unique_name"));
    assertEquals(1, json(http.get("/v1/Sims?SimRegistrationCode=RC-42", auth), 200).getJsonArray("sims").size());
    JsonArray byEid = json(http.get("/v1/Sims?EId=" + eid(42), auth), 200).getJsonArray("sims");
    assertEquals(1, byEid.size());
    assertEquals(eid(42), byEid.getJsonObject(0).getString("e_id"));
    assertEquals(eid(42), byEid.getJsonObject(0).getString("eid"));
  }

  @Test
  void fetchBySidOrUniqueNameGivesEveryField() {
    importSims(account, 1);
    JsonObject byName = json(http.get("/v1/Sims/sim-0", auth), 200);
    JsonObject bySid = json(http.get("/v1/Sims/" + byName.getString("sid"), auth), 200);
    assertEquals(byName, bySid);
    assertTrue(bySid.getString("sid").matches("^DE[0-9a-f]{32}$"));
    assertEquals(platform.baseUrl() + "/v1/Sims/" + bySid.getString("sid"), bySid.getString("url"));
    assertEquals(bySid.getString("url") + "/DataSessions", bySid.getJsonObject("links").getString("data_sessions"));
    assertEquals(bySid.getString("url") + "/UsageRecords", bySid.getJsonObject("links").getString("usage_records"));
    assertTrue(bySid.getJsonObject("links").containsKey("rate_plan"));
    for (String nullable : List.of("rate_plan_sid", "reset_status", "ip_address", "commands_callback_url", "sms_url",
        "voice_url")) {
      assertTrue(bySid.containsKey(nullable) && bySid.getValue(nullable) == null, nullable);
    }
    assertEquals("new", bySid.getString("status"));
    assertEquals(json(http.get(bySid.getString("url"), auth), 200), bySid);
    assertError(http.get("/v1/Sims/DE00000000000000000000000000000000", auth), 404, 20404);
  }

  @Test
  void anotherAccountsSimIsNotFound() {
    importSims(account, 1);
    String sid = json(http.get("/v1/Sims/sim-0", auth), 200).getString("sid");
    String other = bearer(platform.newAccount().authToken());
    assertError(http.get("/v1/Sims/" + sid, other), 404, 20404);
    assertError(http.get("/v1/Sims/sim-0", other), 404, 20404);
    assertError(http.postForm("/v1/Sims/" + sid, other, "FriendlyName", "mine"), 404, 20404);
    assertError(http.delete("/v1/Sims/" + sid, other), 404, 20404);
    assertEquals(0, json(http.get("/v1/Sims", other), 200).getJsonArray("sims").size());
  }

  @Test
  void importIsIdempotentAndABadFileImportsNothing() {
    List<String> lines = csv(5);
    assertEquals(5, TestPlatform.await(new SimInventory(pool).importFile(account.accountSid(), lines)).added());
    SimInventory.Imported again = TestPlatform.await(new SimInventory(pool).importFile(account.accountSid(), lines));
    assertEquals(0, again.added());
    assertEquals(5, again.alreadyPresent());

    List<String> bad = new ArrayList<>(csv(8).subList(0, 1));
    for (int i = 0; i < 6; i++) {
      bad.add(Iccids.random("02") + ",,,fresh-" + i + ",");
    }
    String good = Iccids.random("02");
    bad.add(good.substring(0, 18) + (char) ('0' + (good.charAt(18) - '0' + 1) % 10) + ",,,broken,");
    Exception refused = assertThrows(IllegalStateException.class,
        () -> TestPlatform.await(new SimInventory(pool).importFile(account.accountSid(), bad)));
    assertTrue(refused.getCause().getMessage().contains("line 8: ICCID"), refused.getCause().getMessage());
    assertEquals(5, json(http.get("/v1/Sims", auth), 200).getJsonArray("sims").size());

    NewCredentials other = platform.newAccount();
    Exception foreign = assertThrows(IllegalStateException.class,
        () -> TestPlatform.await(new SimInventory(pool).importFile(other.accountSid(), lines)));
    assertTrue(foreign.getCause().getMessage().contains("line 2: ICCID"), foreign.getCause().getMessage());
  }

  @Test
  void fieldOnlyUpdatesAnswer200AndStartNoJob() {
    importSims(account, 1);
    String plan = createRatePlan("basic");
    JsonObject sim = json(http.postForm("/v1/Sims/sim-0", auth, "FriendlyName", "Tracker", "UniqueName", "tracker",
        "RatePlan", "basic", "CallbackUrl", "https://example.com/cb", "CommandsCallbackUrl", "https://example.com/cmd",
        "CommandsCallbackMethod", "GET", "SmsUrl", "https://example.com/sms", "SmsMethod", "GET",
        "SmsFallbackUrl", "https://example.com/smsf", "SmsFallbackMethod", "POST", "VoiceUrl", "https://example.com/v",
        "VoiceMethod", "GET", "VoiceFallbackUrl", "https://example.com/vf", "VoiceFallbackMethod", "GET"), 200);
    assertEquals("Tracker", sim.getString("friendly_name"));
    assertEquals("tracker", sim.getString("unique_name"));
    assertEquals(plan, sim.getString("rate_plan_sid"));
    assertEquals(platform.baseUrl() + "/v1/RatePlans/" + plan, sim.getJsonObject("links").getString("rate_plan"));
    assertEquals("GET", sim.getString("commands_callback_method"));
    assertEquals("https://example.com/sms", sim.getString("sms_url"));
    assertEquals("https://example.com/vf", sim.getString("voice_fallback_url"));
    assertEquals("GET", sim.getString("voice_fallback_method"));
    assertEquals("new", sim.getString("status"));
    assertEquals(sim, json(http.get("/v1/Sims/tracker", auth), 200));
    assertEquals(0, count("select count(*) from provisioning_jobs j join sims s on s.id = j.sim_id where s.sid = '"
        + sim.getString("sid") + "'"));
  }

  @Test
  void everyRefusalHasItsDocumentedCode() {
    importSims(account, 2);
    createRatePlan("basic");
    assertError(http.postForm("/v1/Sims/sim-0", auth, "Status", "active"), 400, 33104);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "Status", "canceled"), 400, 33105);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "Status", "updating"), 400, 33105);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "Status", "active", "ResetStatus", "resetting"), 400, 33121);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "ResetStatus", "resetting"), 400, 33119);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "RatePlan", "missing"), 404, 33108);
    assertEquals(400, http.postForm("/v1/Sims/sim-0", auth, "Status", "bogus").statusCode());
    assertEquals(400, http.postForm("/v1/Sims/sim-0", auth, "ResetStatus", "foo").statusCode());
    assertError(http.postForm("/v1/Sims/sim-0", auth, "UniqueName", "DE00000000000000000000000000000000"), 400, 33101);
    assertError(http.postForm("/v1/Sims/sim-0", auth, "UniqueName", "sim-1"), 409, 33101);

    String stranger = platform.newAccount().accountSid();
    assertError(http.postForm("/v1/Sims/sim-0", auth, "AccountSid", stranger), 403, 33201);
    NewCredentials sub = TestPlatform.await(new AccountService(pool, Duration.ofHours(1), platform.server().secrets())
        .create("sub", account.accountSid()));
    platform.sql("update sims set status = 'ready' where unique_name = 'sim-1' and account_sid = '"
        + account.accountSid() + "'");
    assertError(http.postForm("/v1/Sims/sim-1", auth, "AccountSid", sub.accountSid()), 403, 33201);
    JsonObject moved = json(http.postForm("/v1/Sims/sim-0", auth, "AccountSid", sub.accountSid(), "Status", "new"),
        200);
    assertEquals(sub.accountSid(), moved.getString("account_sid"));
    assertError(http.get("/v1/Sims/sim-0", auth), 404, 20404);
    assertEquals(moved.getString("sid"), json(http.get("/v1/Sims/sim-0", bearer(sub.authToken())), 200)
        .getString("sid"));
  }

  @Test
  void twentyConcurrentStatusChangesGiveExactlyOne202() throws Exception {
    importSims(account, 1);
    createRatePlan("basic");
    platform.sql("update sims set status = 'active', rate_plan_id = (select id from rate_plans where account_sid = '"
        + account.accountSid() + "') where account_sid = '" + account.accountSid() + "'");
    ExecutorService pool20 = Executors.newFixedThreadPool(20);
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(() -> http.postForm("/v1/Sims/sim-0", auth, "Status", "suspended"));
      }
      int accepted = 0;
      for (Future<HttpResponse<String>> f : pool20.invokeAll(calls)) {
        HttpResponse<String> response = f.get();
        if (response.statusCode() == 202) {
          accepted++;
          assertEquals("updating", new JsonObject(response.body()).getString("status"));
        } else {
          assertError(response, 409, 33010);
        }
      }
      assertEquals(1, accepted);
    } finally {
      pool20.shutdown();
    }
    awaitUntil(Duration.ofSeconds(30), () -> "suspended".equals(
        json(http.get("/v1/Sims/sim-0", auth), 200).getString("status")));
    assertEquals(1, count("select count(*) from provisioning_jobs j join sims s on s.id = j.sim_id where s.account_sid = '"
        + account.accountSid() + "'"));
  }

  @Test
  void onlySimsThatCannotBeConnectedCanBeDeleted() {
    importSims(account, 2);
    platform.sql("update sims set status = 'suspended' where unique_name = 'sim-1' and account_sid = '"
        + account.accountSid() + "'");
    assertError(http.delete("/v1/Sims/sim-1", auth), 409, 33131);
    HttpResponse<String> deleted = http.delete("/v1/Sims/sim-0", auth);
    assertEquals(204, deleted.statusCode());
    assertEquals("", deleted.body());
    assertError(http.get("/v1/Sims/sim-0", auth), 404, 20404);
  }

  private String createRatePlan(String name) {
    return json(http.postForm("/v1/RatePlans", auth, "UniqueName", name), 201).getString("sid");
  }

  private List<String> importSims(NewCredentials owner, int n) {
    List<String> lines = csv(n);
    assertEquals(n, TestPlatform.await(new SimInventory(pool).importFile(owner.accountSid(), lines)).added());
    return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
  }

  /** {@code n} SIMs named sim-0…; column layout iccid,eid,registration_code,unique_name,friendly_name. */
  private static List<String> csv(int n) {
    List<String> lines = new ArrayList<>();
    lines.add("iccid,eid,registration_code,unique_name,friendly_name");
    for (int i = 0; i < n; i++) {
      lines.add(Iccids.random("01") + "," + eid(i) + ",RC-" + i + ",sim-" + i + ",SIM " + i);
    }
    return lines;
  }

  private static String eid(int i) {
    return String.format("%032d", 89049032000000000L + i);
  }

  private long count(String query) {
    return TestPlatform.await(pool.query(query).execute()).iterator().next().getLong(0);
  }
}
