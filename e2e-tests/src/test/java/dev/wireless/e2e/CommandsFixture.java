package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.sims.Iccids;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One account with SIMs ready for Commands, for the Commands* tests: a rate plan with messaging on
 * (and one with it off), SIMs put in a chosen status by SQL (their lifecycle is not what these tests
 * are about), and the settings the shared platform runs Commands with.
 */
final class CommandsFixture {

  /** The operator token of the shared platform (the device simulator route needs it). */
  static final String OPERATOR_TOKEN = "e2e-operator-token";

  private static final Vertx VERTX = Vertx.vertx();
  private static Pool pool;

  final TestPlatform platform;
  final RawHttp http;
  final NewCredentials account;
  final String auth;
  private String messagingPlan;
  private String silentPlan;

  CommandsFixture(TestPlatform platform) {
    this.platform = platform;
    synchronized (CommandsFixture.class) {
      if (pool == null) {
        pool = PgBuilder.pool().connectingTo(platform.server().database().location().connectOptions()).using(VERTX)
            .build();
      }
    }
    this.http = new RawHttp(platform.baseUrl());
    this.account = platform.newAccount();
    this.auth = bearer(account.authToken());
  }

  /**
   * The platform's env plus fast Command delivery: quick polling, receipts 100 ms after sending, and
   * a receipt timeout short enough to test but far above the receipt delay.
   */
  static Map<String, String> withCommandSettings(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("WIRELESS_COMMAND_POLL", "50ms");
    all.putIfAbsent("WIRELESS_CARRIER_SMS_RECEIPT_DELAY", "100ms");
    all.putIfAbsent("WIRELESS_COMMAND_RECEIPT_TIMEOUT", "4s");
    all.putIfAbsent("WIRELESS_OPERATOR_TOKEN", OPERATOR_TOKEN);
    return all;
  }

  /** A SIM named {@code name} in {@code status}, on a plan with messaging on or off; returns its SID. */
  String sim(String name, String status, boolean messaging) {
    String iccid = Iccids.random("07");
    List<String> csv = List.of("iccid,eid,registration_code,unique_name,friendly_name", iccid + ",,," + name + "," + name);
    assertEquals(1, TestPlatform.await(new SimInventory(pool).importFile(account.accountSid(), csv)).added());
    String plan = messaging ? messagingPlan() : silentPlan();
    platform.sql("update sims set status = '" + status + "', rate_plan_id = (select id from rate_plans where sid = '"
        + plan + "') where account_sid = '" + account.accountSid() + "' and unique_name = '" + name + "'");
    return json(http.get("/v1/Sims/" + name, auth), 200).getString("sid");
  }

  /** Sets the SIM's commands callback (where its MO Commands are reported). */
  void commandsCallback(String simName, String url, String method) {
    json(http.postForm("/v1/Sims/" + simName, auth, "CommandsCallbackUrl", url, "CommandsCallbackMethod", method), 200);
  }

  /** Asserts the fields every Command callback carries (sms transport, API version v1). */
  void assertCallbackFields(Map<String, String> form, String commandSid, String simSid, String simUniqueName,
                            String command, String status, String direction) {
    assertEquals(commandSid, form.get("CommandSid"));
    assertEquals(account.accountSid(), form.get("AccountSid"));
    assertEquals(simSid, form.get("SimSid"));
    assertEquals(simUniqueName, form.get("SimUniqueName"));
    assertEquals(command, form.get("Command"));
    assertEquals("text", form.get("CommandMode"));
    assertEquals(status, form.get("Status"));
    assertEquals(direction, form.get("Direction"));
    assertEquals("sms", form.get("Transport"));
    assertEquals("v1", form.get("ApiVersion"));
  }

  HttpResponse<String> send(String... form) {
    return http.postForm("/v1/Commands", auth, form);
  }

  JsonObject created(String... form) {
    return json(send(form), 201);
  }

  JsonObject fetch(String sid) {
    return json(http.get("/v1/Commands/" + sid, auth), 200);
  }

  String status(String sid) {
    return fetch(sid).getString("status");
  }

  /** One value from the database, as text. */
  String value(String query) {
    var row = TestPlatform.await(pool.query(query).execute()).iterator().next();
    Object value = row.getValue(0);
    return value == null ? null : value.toString();
  }

  private String messagingPlan() {
    if (messagingPlan == null) {
      messagingPlan = json(http.postForm("/v1/RatePlans", auth, "UniqueName", "talkative"), 201).getString("sid");
    }
    return messagingPlan;
  }

  private String silentPlan() {
    if (silentPlan == null) {
      silentPlan = json(http.postForm("/v1/RatePlans", auth, "UniqueName", "silent", "MessagingEnabled", "false"), 201)
          .getString("sid");
    }
    return silentPlan;
  }
}
