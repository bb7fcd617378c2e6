package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CreateCommand's refusals, each with its documented code, and the size limits exactly at their
 * boundaries: 160 characters of text, 128 with IncludeSid, 140 bytes of binary.
 */
class CommandsValidationTest extends ContractCheck {

  private CommandsFixture fx;
  private String simSid;

  @BeforeEach
  void setUp() {
    fx = new CommandsFixture(platform);
    simSid = fx.sim("meter", "ready", true);
  }

  @Test
  void textHoldsExactly160Characters() {
    assertEquals(160, fx.created("Sim", "meter", "Command", "a".repeat(160)).getString("command").length());
    assertError(fx.send("Sim", "meter", "Command", "a".repeat(161)), 400, 33111);
    String emoji = "\uD83D\uDE00".repeat(160);
    assertEquals(emoji, fx.created("Sim", "meter", "Command", emoji).getString("command"));
    assertError(fx.send("Sim", "meter", "Command", emoji + "a"), 400, 33111);
  }

  @Test
  void withIncludeSidTextHoldsExactly128Characters() {
    for (String where : new String[] {"start", "end"}) {
      fx.created("Sim", "meter", "Command", "b".repeat(128), "IncludeSid", where);
      assertError(fx.send("Sim", "meter", "Command", "b".repeat(129), "IncludeSid", where), 400, 33111);
    }
    fx.created("Sim", "meter", "Command", "b".repeat(160), "IncludeSid", "none");
  }

  @Test
  void binaryHoldsExactly140BytesOfValidBase64() {
    String max = Base64.getEncoder().encodeToString(new byte[140]);
    JsonObject created = fx.created("Sim", "meter", "Command", max, "CommandMode", "binary");
    assertEquals("binary", created.getString("command_mode"));
    assertEquals(max, created.getString("command"));
    assertError(fx.send("Sim", "meter", "Command", Base64.getEncoder().encodeToString(new byte[141]),
        "CommandMode", "binary"), 400, 33111);
    assertError(fx.send("Sim", "meter", "Command", "not base64!", "CommandMode", "binary"), 400, 33101);
    assertError(fx.send("Sim", "meter", "Command", max, "CommandMode", "binary", "IncludeSid", "start"), 400, 33101);
  }

  @Test
  void aCommandWithoutSimIs33102() {
    assertError(fx.send("Command", "hello"), 400, 33102);
  }

  @Test
  void anUnknownSimIs33107AndAnotherAccountsSimIsUnknown() {
    assertError(fx.send("Sim", "nobody", "Command", "hello"), 404, 33107);
    assertError(fx.send("Sim", "DE" + "0".repeat(32), "Command", "hello"), 404, 33107);
    CommandsFixture stranger = new CommandsFixture(platform);
    assertError(stranger.send("Sim", simSid, "Command", "hello"), 404, 33107);
  }

  @Test
  void aSimThatIsNotReadyOrActiveIs33104() {
    for (String status : new String[] {"new", "suspended", "deactivated"}) {
      fx.sim("sim-" + status, status, true);
      assertError(fx.send("Sim", "sim-" + status, "Command", "hello"), 400, 33104);
    }
    fx.sim("active-one", "active", true);
    fx.created("Sim", "active-one", "Command", "hello");
  }

  @Test
  void aPlanWithMessagingOffIs33201() {
    fx.sim("mute", "active", false);
    assertError(fx.send("Sim", "mute", "Command", "hello"), 403, 33201);
  }

  @Test
  void moreThan100QueuedCommandsForOneSimIs33118() {
    // queued Commands without a delivery job stay queued: 99 of them, then the 100th through the API is accepted
    queue(99);
    fx.created("Sim", "meter", "Command", "the 100th");
    // one more that stays queued: whatever became of the 100th, at least 100 are queued now
    queue(1);
    assertError(fx.send("Sim", "meter", "Command", "one too many"), 409, 33118);
    CommandsFixture other = new CommandsFixture(platform);
    other.sim("meter", "ready", true);
    other.created("Sim", "meter", "Command", "another SIM is not limited");
  }

  private void queue(int count) {
    platform.sql("insert into commands (sid, account_sid, sim_sid, command, payload, status, direction) "
        + "select 'DC' || md5(random()::text || g), '" + fx.account.accountSid() + "', '" + simSid + "', 'x', 'x', "
        + "'queued', 'to_sim' from generate_series(1, " + count + ") g");
  }

  @Test
  void badCallbackUrlAndBadModeAreRefused() {
    assertError(fx.send("Sim", "meter", "Command", "hello", "CallbackUrl", "ftp://example.com/x"), 400, 21502);
    assertError(fx.send("Sim", "meter", "Command", "hello", "CommandMode", "morse"), 400, 33101);
  }
}
