package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messaging as a carrier's feed reports it, through {@code POST /network/v1/Events} into Commands:
 * an {@code sms_mo} becomes a {@code from_sim} Command reported to the SIM's commands callback
 * (once, however often the feed resends it; refused with 33203 for a suspended SIM), and an
 * {@code sms_receipt} completes an MT Command that is waiting for its receipt.
 */
class CommandsThroughNetworkFeedTest extends ContractCheck {

  private static final String OPERATOR = bearer(CommandsFixture.OPERATOR_TOKEN);

  private CommandsFixture fx;
  private CallbackReceiver receiver;

  @BeforeEach
  void setUp() {
    fx = new CommandsFixture(platform);
    receiver = new CallbackReceiver();
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void anMoSmsFromTheFeedBecomesAFromSimCommandOnce() {
    String simSid = fx.sim("feed-sensor", "active", true);
    fx.commandsCallback("feed-sensor", receiver.url("/mo"), "POST");
    String iccid = fx.value("select iccid from sims where sid = '" + simSid + "'");
    String quiet = fx.sim("feed-asleep", "suspended", true);
    String quietIccid = fx.value("select iccid from sims where sid = '" + quiet + "'");
    String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
    JsonArray batch = new JsonArray()
        .add(new JsonObject().put("type", "sms_mo").put("event_id", "mo-" + simSid).put("iccid", iccid)
            .put("time", now).put("payload", "battery=87").put("roaming", "home"))
        .add(new JsonObject().put("type", "sms_mo").put("event_id", "mo-" + quiet).put("iccid", quietIccid)
            .put("time", now).put("payload", "hello").put("roaming", "home"));
    JsonObject first = feed(batch);
    assertEquals("accepted", first.getJsonArray("results").getJsonObject(0).getString("status"), first.encode());
    JsonObject refused = first.getJsonArray("results").getJsonObject(1);
    assertEquals("rejected", refused.getString("status"), first.encode());
    assertEquals(33203, refused.getInteger("code"), first.encode());
    feed(batch); // the feed resends the same batch

    JsonArray stored = json(fx.http.get("/v1/Commands?Direction=from_sim", fx.auth), 200).getJsonArray("commands");
    assertEquals(1, stored.size(), stored.encode());
    assertEquals("battery=87", stored.getJsonObject(0).getString("command"));
    assertEquals("received", stored.getJsonObject(0).getString("status"));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    assertEquals(stored.getJsonObject(0).getString("sid"), receiver.received().get(0).form().get("CommandSid"));
    assertEquals(1, receiver.received().size());
  }

  @Test
  void aReceiptFromTheFeedCompletesAWaitingCommand() {
    String simSid = fx.sim("feed-tracker", "active", true);
    // the simulated carrier never reports this one itself, so only the feed's receipt can complete it
    String sid = fx.created("Sim", simSid, "Command", "ping #sim-carrier-no-receipt").getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> "sent".equals(fx.status(sid)));
    JsonObject answer = feed(new JsonArray().add(new JsonObject().put("type", "sms_receipt")
        .put("event_id", "receipt-" + sid).put("command_sid", sid).put("delivered", true)
        .put("time", OffsetDateTime.now(ZoneOffset.UTC).toString())));
    assertEquals("accepted", answer.getJsonArray("results").getJsonObject(0).getString("status"), answer.encode());
    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(sid)));
  }

  private JsonObject feed(JsonArray events) {
    return json(fx.http.post("/network/v1/Events", OPERATOR, "application/json",
        new JsonObject().put("events", events).encode()), 200);
  }
}
