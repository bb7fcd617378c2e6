package dev.wireless.e2e;

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
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Commands from a SIM over IP ({@code transport: ip}: binary, over its open data session), from the
 * device simulator and the network feed, listed with {@code Transport=ip}; and the 140-byte limit
 * of binary Commands from a SIM: longer ones are cut to 140 bytes, stored and raise alert 33111.
 */
class CommandsOverIpTest extends ContractCheck {

  private static final String OPERATOR = bearer(TestPlatform.OPERATOR_TOKEN);

  private final String p = UUID.randomUUID() + "-";
  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

  @Test
  void aBinaryCommandOverIpNeedsAnOpenDataSessionAndListsWithTransportIp() {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "iot"), "active").get(0);
    NetworkFeed feed = new NetworkFeed(platform);
    assertError(simulate(sim, "Command", "AQID", "CommandMode", "binary", "Transport", "ip"), 403, 33203);

    feed.send(session("session_start", p + "1", sim.iccid(), "s", now, now, 0, 0));
    JsonObject overIp = json(simulate(sim, "Command", "AQID", "CommandMode", "binary", "Transport", "ip"), 201);
    assertEquals("ip", overIp.getString("transport"));
    assertError(simulate(sim, "Command", "text over ip", "Transport", "ip"), 400, 33101);
    JsonObject fed = feed.send(new JsonObject().put("type", "sms_mo").put("event_id", p + "mo-ip")
        .put("iccid", sim.iccid()).put("time", now.toString()).put("mode", "binary").put("payload", "BAUG")
        .put("transport", "ip"));
    assertEquals("accepted", fed.getJsonArray("results").getJsonObject(0).getString("status"), fed.encode());
    assertEquals(201, simulate(sim, "Command", "over sms").statusCode());

    JsonArray ip = list(account, "Transport=ip");
    assertEquals(2, ip.size(), ip.encode());
    for (Object c : ip) {
      assertEquals("ip", ((JsonObject) c).getString("transport"));
      assertEquals("binary", ((JsonObject) c).getString("command_mode"));
      assertEquals("from_sim", ((JsonObject) c).getString("direction"));
    }
    assertEquals(overIp.getString("sid"), json(account.http.get("/v1/Commands/" + overIp.getString("sid"),
        account.auth), 200).getString("sid"));
    JsonArray sms = list(account, "Transport=sms");
    assertEquals(1, sms.size(), sms.encode());
    assertEquals("over sms", sms.getJsonObject(0).getString("command"));

    feed.send(session("session_end", p + "2", sim.iccid(), "s", now, now.plusSeconds(30), 100, 100));
    assertError(simulate(sim, "Command", "AQID", "CommandMode", "binary", "Transport", "ip"), 403, 33203);
    assertEquals(2, list(account, "Transport=ip").size());
  }

  @Test
  void aBinaryCommandOver140BytesFromTheSimIsCutTo140AndRaisesAlert33111() {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "iot"), "active").get(0);
    byte[] bytes = new byte[200];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    String cut = Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 140));
    JsonObject stored = json(simulate(sim, "Command", Base64.getEncoder().encodeToString(bytes),
        "CommandMode", "binary"), 201);
    assertEquals(cut, stored.getString("command"));
    JsonObject fed = new NetworkFeed(platform).send(new JsonObject().put("type", "sms_mo").put("event_id", p + "big")
        .put("iccid", sim.iccid()).put("time", now.toString()).put("mode", "binary")
        .put("payload", Base64.getEncoder().encodeToString(bytes)));
    assertEquals("accepted", fed.getJsonArray("results").getJsonObject(0).getString("status"), fed.encode());
    JsonArray all = list(account, "Direction=from_sim");
    assertEquals(2, all.size());
    for (Object c : all) {
      assertEquals(cut, ((JsonObject) c).getString("command"));
    }
    String exactly140 = Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, 140));
    assertEquals(exactly140, json(simulate(sim, "Command", exactly140, "CommandMode", "binary"), 201)
        .getString("command"));
    JsonArray alerts = json(account.http.get("/v1/Alerts?ResourceSid=" + sim.sid(), account.auth), 200)
        .getJsonArray("alerts");
    assertEquals(2, alerts.stream().filter(a -> ((JsonObject) a).getInteger("error_code") == 33111).count(),
        alerts.encode());
    assertError(simulate(sim, "Command", "not base64!", "CommandMode", "binary"), 400, 33101);
  }

  private JsonArray list(UsageTestAccount account, String query) {
    return json(account.http.get("/v1/Commands?" + query, account.auth), 200).getJsonArray("commands");
  }

  private HttpResponse<String> simulate(UsageTestAccount.Sim sim, String... form) {
    return new RawHttp(platform.baseUrl()).postForm("/simulator/v1/Sims/" + sim.sid() + "/Commands", OPERATOR, form);
  }
}
