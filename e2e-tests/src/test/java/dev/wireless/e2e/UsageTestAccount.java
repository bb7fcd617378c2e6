package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.sims.Iccids;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh account for a usage test: its own rate plans and SIMs (registered through the inventory,
 * then put on a plan in a chosen status), so usage tests never depend on the demo fleet or on
 * each other.
 */
final class UsageTestAccount {

  /** A SIM of the account. */
  record Sim(String sid, String iccid) {
  }

  private static final Vertx VERTX = Vertx.vertx();
  private static Pool pool;

  final TestPlatform platform;
  final NewCredentials credentials;
  final RawHttp http;
  final String auth;

  UsageTestAccount(TestPlatform platform) {
    this.platform = platform;
    this.credentials = platform.newAccount();
    this.http = new RawHttp(platform.baseUrl());
    this.auth = bearer(credentials.authToken());
  }

  static synchronized Pool pool(TestPlatform platform) {
    if (pool == null) {
      pool = PgBuilder.pool().connectingTo(platform.server().database().location().connectOptions()).using(VERTX)
          .build();
    }
    return pool;
  }

  String accountSid() {
    return credentials.accountSid();
  }

  /** Creates a rate plan from form pairs (UniqueName first); returns its SID. */
  String ratePlan(String... pairs) {
    return json(http.postForm("/v1/RatePlans", auth, pairs), 201).getString("sid");
  }

  /** {@code n} SIMs on {@code planSid} in {@code status} (null plan and status: left {@code new}). */
  List<Sim> sims(int n, String planSid, String status) {
    List<String> lines = new ArrayList<>();
    lines.add("iccid,eid,registration_code,unique_name,friendly_name");
    List<String> iccids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String iccid = Iccids.random("01");
      iccids.add(iccid);
      lines.add(iccid + ",,RC-" + iccid + ",u-" + iccid + ",SIM " + i);
    }
    assertEquals(n, TestPlatform.await(new SimInventory(pool(platform)).importFile(accountSid(), lines)).added());
    List<Sim> sims = new ArrayList<>();
    for (String iccid : iccids) {
      if (planSid != null) {
        platform.sql("update sims set status = '" + status + "', rate_plan_id = (select id from rate_plans where sid = '"
            + planSid + "') where iccid = '" + iccid + "'");
      }
      JsonObject sim = json(http.get("/v1/Sims?Iccid=" + iccid, auth), 200).getJsonArray("sims").getJsonObject(0);
      sims.add(new Sim(sim.getString("sid"), iccid));
    }
    return sims;
  }

  JsonObject get(String path) {
    return json(http.get(path, auth), 200);
  }

  /** The SIM's only data session without its own identifiers, to compare two ways of feeding it. */
  JsonObject onlySessionWithoutIds(Sim sim) {
    JsonArray sessions = get("/v1/Sims/" + sim.sid() + "/DataSessions").getJsonArray("data_sessions");
    assertEquals(1, sessions.size());
    JsonObject s = sessions.getJsonObject(0).copy();
    s.remove("sid");
    s.remove("sim_sid");
    return s;
  }
}
