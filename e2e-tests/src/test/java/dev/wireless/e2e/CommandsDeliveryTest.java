package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wireless.e2e.CallbackReceiver.Received;
import dev.wireless.server.carrier.SimulatedCarrier;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mobile-terminated Commands through the simulated carrier: every end state, the callback sent once
 * with its fields, the SID added by IncludeSid, and the usage each Command counts.
 */
class CommandsDeliveryTest extends ContractCheck {

  private CommandsFixture fx;
  private CallbackReceiver receiver;
  private String simSid;

  @BeforeEach
  void setUp() {
    fx = new CommandsFixture(platform);
    receiver = new CallbackReceiver();
    simSid = fx.sim("tracker", "active", true);
  }

  @AfterEach
  void tearDown() {
    receiver.close();
  }

  @Test
  void aTextCommandIsDeliveredAndItsCallbackArrivesOnceWithEveryField() {
    JsonObject created = fx.created("Sim", "tracker", "Command", "reboot now", "CallbackUrl", receiver.url("/done"));
    assertEquals("queued", created.getString("status"));
    assertEquals("to_sim", created.getString("direction"));
    assertEquals("sms", created.getString("transport"));
    assertEquals("text", created.getString("command_mode"));
    assertEquals(true, created.getBoolean("delivery_receipt_requested"));
    assertEquals(simSid, created.getString("sim_sid"));
    String sid = created.getString("sid");

    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(sid)));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    Map<String, String> form = onlyCallback().form();
    fx.assertCallbackFields(form, sid, simSid, "tracker", "reboot now", "delivered", "to_sim");
    assertFalse(form.containsKey("ErrorCode"));
    assertEquals("POST", onlyCallback().method());
  }

  @Test
  void aBinaryCommandIsDeliveredAndAGetCallbackCarriesTheFieldsInTheQuery() {
    String bytes = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 0xff});
    String sid = fx.created("Sim", simSid, "Command", bytes, "CommandMode", "binary",
        "CallbackUrl", receiver.url("/bin"), "CallbackMethod", "GET").getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(sid)));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    Received callback = onlyCallback();
    assertEquals("GET", callback.method());
    assertEquals("binary", callback.form().get("CommandMode"));
    assertEquals(bytes, callback.form().get("Command"));
    assertEquals("delivered", callback.form().get("Status"));
  }

  @Test
  void withoutAReceiptTheCommandEndsSent() {
    JsonObject created = fx.created("Sim", "tracker", "Command", "ping", "DeliveryReceiptRequested", "false",
        "CallbackUrl", receiver.url("/sent"));
    assertEquals(false, created.getBoolean("delivery_receipt_requested"));
    String sid = created.getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    assertEquals("sent", onlyCallback().form().get("Status"));
    assertEquals("sent", fx.status(sid));
  }

  @Test
  void aCarrierRefusalEndsFailedWithTheCallbackAndAnErrorCode() {
    String sid = fx.created("Sim", "tracker", "Command", "x " + SimulatedCarrier.REFUSE_MARKER,
        "CallbackUrl", receiver.url("/refused")).getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    Map<String, String> form = onlyCallback().form();
    assertEquals("failed", form.get("Status"));
    assertEquals(String.valueOf(SimulatedCarrier.SMS_REFUSED_CODE), form.get("ErrorCode"));
    assertFalse(form.get("ErrorMessage").isBlank());
    assertEquals("failed", fx.status(sid));
    assertEquals(String.valueOf(SimulatedCarrier.SMS_REFUSED_CODE),
        fx.value("select error_code from commands where sid = '" + sid + "'"));
  }

  @Test
  void anUndeliverableReceiptAndAMissingReceiptBothEndFailed() {
    String undeliverable = fx.created("Sim", "tracker", "Command", SimulatedCarrier.UNDELIVERABLE_MARKER,
        "CallbackUrl", receiver.url("/undeliverable")).getString("sid");
    String silent = fx.created("Sim", "tracker", "Command", SimulatedCarrier.LOSE_RECEIPT_MARKER,
        "CallbackUrl", receiver.url("/silent")).getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> receiver.received().size() == 2);
    for (Received callback : receiver.received()) {
      assertEquals("failed", callback.form().get("Status"), callback.uri());
      String expected = callback.uri().startsWith("/silent") ? silent : undeliverable;
      assertEquals(expected, callback.form().get("CommandSid"));
    }
    assertEquals("failed", fx.status(undeliverable));
    assertEquals("failed", fx.status(silent));
    assertEquals("No delivery receipt within 4 s",
        fx.value("select error_message from commands where sid = '" + silent + "'"));
  }

  @Test
  void includeSidPutsTheSidBeforeOrAfterTheTextOverTheAir() {
    String start = fx.created("Sim", "tracker", "Command", "hello", "IncludeSid", "start").getString("sid");
    String end = fx.created("Sim", "tracker", "Command", "hello", "IncludeSid", "end").getString("sid");
    String none = fx.created("Sim", "tracker", "Command", "hello", "IncludeSid", "none").getString("sid");
    assertEquals(start + " hello", fx.value("select payload from commands where sid = '" + start + "'"));
    assertEquals("hello " + end, fx.value("select payload from commands where sid = '" + end + "'"));
    assertEquals("hello", fx.value("select payload from commands where sid = '" + none + "'"));
    assertEquals("hello", fx.fetch(start).getString("command"));
    awaitUntil(Duration.ofSeconds(20), () -> List.of(start, end, none).stream()
        .allMatch(sid -> "delivered".equals(fx.status(sid))));
  }

  @Test
  void everyCommandCountsAsUsageOfItsSim() {
    fx.created("Sim", "tracker", "Command", "one");
    fx.created("Sim", "tracker", "Command", "two");
    assertEquals("2", fx.value("select sum(cmd_to_sim) from usage_sim_hourly where sim_sid = '" + simSid
        + "' and roaming = 'home'"));
  }

  @Test
  void theCallbackIsSentOnceEvenAfterTheCommandHasLongFinished() {
    String sid = fx.created("Sim", "tracker", "Command", "once", "CallbackUrl", receiver.url("/once")).getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(sid)) && !receiver.received().isEmpty());
    String other = fx.created("Sim", "tracker", "Command", "later").getString("sid");
    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(other)));
    assertEquals(1, receiver.received().size());
    assertNull(fx.value("select callback_url from commands where sid = '" + other + "'"));
  }

  @Test
  void aJobLeftRunningByACrashedNodeIsTakenOverOnceItsLeaseExpires() {
    String sid = "DC" + "ab".repeat(16);
    platform.sql("insert into commands (sid, account_sid, sim_sid, command, payload, status, direction, callback_url) "
        + "values ('" + sid + "', '" + fx.account.accountSid() + "', '" + simSid + "', 'orphan', 'orphan', 'queued', "
        + "'to_sim', '" + receiver.url("/orphan") + "')");
    platform.sql("insert into command_jobs (command_id, stage, state, attempts, locked_by, locked_until) "
        + "select id, 'send', 'running', 1, 'crashed-node', now() + interval '300 milliseconds' from commands "
        + "where sid = '" + sid + "'");
    awaitUntil(Duration.ofSeconds(20), () -> "delivered".equals(fx.status(sid)));
    awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    assertEquals("delivered", onlyCallback().form().get("Status"));
    // the Command's one job row: the crashed node's send attempt, counted by the rescue, the
    // rescuer's send, then the delivery report the carrier announced
    assertEquals("3", fx.value("select attempts from command_jobs j join commands c on c.id = j.command_id "
        + "where c.sid = '" + sid + "' and j.stage = 'report' and j.state = 'completed'"));
    assertEquals("1", fx.value("select count(*) from command_jobs j join commands c on c.id = j.command_id "
        + "where c.sid = '" + sid + "'"));
  }

  private Received onlyCallback() {
    List<Received> all = receiver.received();
    assertEquals(1, all.size(), all.toString());
    return all.get(0);
  }
}
