package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.e2e.CallbackReceiver.Received;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mobile-originated Commands through the operator's device simulator: stored as from_sim/received,
 * reported to the SIM's commands callback, refused with alert 33203, truncated with alert 33111.
 */
class CommandsMobileOriginatedTest extends ContractCheck {

  private static final String OPERATOR = bearer(CommandsFixture.OPERATOR_TOKEN);

  private CommandsFixture fx;
  private CallbackReceiver receiver;
  private String simSid;

  @BeforeEach
  void setUp() {
    fx = new CommandsFixture(platform);
    receiver = new CallbackReceiver();
    simSid = fx.sim("sensor", "ready", true);
    fx.commandsCallback("sensor", receiver.url("/mo"), "POST");
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void aMessageFromTheSimIsStoredAndReportedToItsCommandsCallback() {
    JsonObject stored = json(simulate(simSid, "Command", "temperature=21"), 201);
    assertEquals("from_sim", stored.getString("direction"));
    assertEquals("received", stored.getString("status"));
    String sid = stored.getString("sid");
    JsonObject fetched = fx.fetch(sid);
    assertEquals("from_sim", fetched.getString("direction"));
    assertEquals("received", fetched.getString("status"));
    assertEquals("temperature=21", fetched.getString("command"));
    assertEquals(simSid, fetched.getString("sim_sid"));

    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    Received callback = receiver.received().get(0);
    assertEquals("POST", callback.method());
    Map<String, String> form = callback.form();
    fx.assertCallbackFields(form, sid, simSid, "sensor", "temperature=21", "received", "from_sim");
    assertEquals("1", fx.value("select sum(cmd_from_sim) from usage_sim_hourly where sim_sid = '" + simSid + "'"));
    assertEquals(1, json(fx.http.get("/v1/Commands?Direction=from_sim", fx.auth), 200).getJsonArray("commands")
        .size());
  }

  @Test
  void aResentEventIsStoredOnceAndJsonBodiesWorkToo() {
    HttpResponse<String> first = fx.http.post("/simulator/v1/Sims/" + simSid + "/Commands", OPERATOR,
        "application/json", new JsonObject().put("Command", "AAEC").put("CommandMode", "binary")
            .put("EventId", "evt-" + simSid).encode());
    HttpResponse<String> again = fx.http.post("/simulator/v1/Sims/" + simSid + "/Commands", OPERATOR,
        "application/json", new JsonObject().put("Command", "AAEC").put("CommandMode", "binary")
            .put("EventId", "evt-" + simSid).encode());
    assertEquals(json(first, 201).getString("sid"), json(again, 201).getString("sid"));
    assertEquals("binary", json(first, 201).getString("command_mode"));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    assertEquals(1, json(fx.http.get("/v1/Commands", fx.auth), 200).getJsonArray("commands").size());
  }

  @Test
  void aSimThatMayNotSendMessagesRaisesAlert33203() {
    String suspended = fx.sim("asleep", "suspended", true);
    assertError(simulate(suspended, "Command", "hello"), 403, 33203);
    String mute = fx.sim("mute", "active", false);
    assertError(simulate(mute, "Command", "hello"), 403, 33203);
    assertEquals(0, json(fx.http.get("/v1/Commands", fx.auth), 200).getJsonArray("commands").size());
    assertEquals(1, alerts(suspended, 33203));
    assertEquals(1, alerts(mute, 33203));
  }

  @Test
  void textOver160CharactersIsTruncatedDeliveredAndRaisesAlert33111() {
    String longText = "x".repeat(160) + "TAIL";
    String sid = json(simulate(simSid, "Command", longText), 201).getString("sid");
    assertEquals("x".repeat(160), fx.fetch(sid).getString("command"));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    assertEquals("x".repeat(160), receiver.received().get(0).form().get("Command"));
    assertEquals(1, alerts(simSid, 33111));
    assertEquals(0, alerts(simSid, 33203));
    assertEquals(160, json(simulate(simSid, "Command", "x".repeat(160)), 201).getString("command").length());
    assertEquals(1, alerts(simSid, 33111));
  }

  @Test
  void theSimulatorIsOperatorOnly() {
    assertError(fx.http.postForm("/simulator/v1/Sims/" + simSid + "/Commands", fx.auth, "Command", "hi"), 401, 20003);
    assertError(fx.http.postForm("/simulator/v1/Sims/" + simSid + "/Commands", null, "Command", "hi"), 401, 20003);
    assertError(simulate("DE" + "0".repeat(32), "Command", "hi"), 404, 33107);
    // the required Command is missing: 33102, as for every operation validated from a contract
    assertError(simulate(simSid, "CommandMode", "text"), 400, 33102);
  }

  private HttpResponse<String> simulate(String sim, String... form) {
    return fx.http.postForm("/simulator/v1/Sims/" + sim + "/Commands", OPERATOR, form);
  }

  /** How many alerts with {@code code} the Debugger shows for {@code resourceSid}. */
  private int alerts(String resourceSid, int code) {
    JsonArray alerts = json(fx.http.get("/v1/Alerts?ResourceSid=" + resourceSid, fx.auth), 200)
        .getJsonArray("alerts");
    return (int) alerts.stream().map(a -> (JsonObject) a).filter(a -> a.getInteger("error_code") == code).count();
  }
}
