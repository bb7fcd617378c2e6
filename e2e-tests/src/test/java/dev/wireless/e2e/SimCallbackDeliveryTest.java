package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.e2e.CallbackReceiver.Received;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.sims.Iccids;
import dev.wireless.server.sims.SimInventory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole promise of an async change, end to end on one running platform: 202, the carrier
 * completes it, the in-process dispatcher calls the customer's receiver (port 0) with signed
 * requests; a receiver that keeps failing ends up in the Debugger, from where it can be redelivered.
 */
class SimCallbackDeliveryTest extends ContractCheck {

  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Vertx VERTX = Vertx.vertx();
  private static Pool pool;

  private RawHttp http;
  private NewCredentials account;
  private String auth;
  private CallbackReceiver receiver;

  @BeforeEach
  void setUp() {
    if (pool == null) {
      pool = PgBuilder.pool().connectingTo(platform.server().database().location().connectOptions()).using(VERTX)
          .build();
    }
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
    auth = bearer(account.authToken());
    receiver = new CallbackReceiver();
    String line = Iccids.random("01") + ",,RC-1,tracker,Tracker";
    TestPlatform.await(new SimInventory(pool).importFile(account.accountSid(),
        List.of("iccid,eid,registration_code,unique_name,friendly_name", line)));
    json(http.postForm("/v1/RatePlans", auth, "UniqueName", "plan"), 201);
  }

  @AfterEach
  void closeReceiver() {
    receiver.close();
  }

  @AfterAll
  static void close() {
    VERTX.close();
  }

  @Test
  void activatingANewSimCallsBackTwiceSignedWithTheAuthToken() throws Exception {
    String callbackUrl = receiver.url("/sim-status?source=e2e");
    JsonObject accepted = json(http.postForm("/v1/Sims/tracker", auth, "Status", "active", "RatePlan", "plan",
        "CallbackUrl", callbackUrl), 202);
    assertEquals("updating", accepted.getString("status"));

    awaitUntil(DEADLINE, () -> receiver.received().size() >= 2);
    List<Received> calls = receiver.received();
    assertEquals(2, calls.size());
    assertEquals("ready", calls.get(0).form().get("Status"));
    assertEquals("active", calls.get(1).form().get("Status"));
    for (Received call : calls) {
      Map<String, String> form = call.form();
      assertEquals("POST", call.method());
      assertEquals(account.accountSid(), form.get("AccountSid"));
      assertEquals(accepted.getString("sid"), form.get("SimSid"));
      assertEquals("tracker", form.get("SimUniqueName"));
      assertEquals("v1", form.get("ApiVersion"));
      assertEquals(expectedTwilioSignature(account.authToken(), callbackUrl, form),
          call.headers().get("X-Twilio-Signature"), "X-Twilio-Signature verifies with the Auth Token");
      assertTrue(call.headers().contains("kore-signature"));
      assertTrue(call.headers().get("kore-idempotency-token").matches("[0-9a-f-]{36}"));
    }
    assertNotEquals(calls.get(0).headers().get("kore-idempotency-token"),
        calls.get(1).headers().get("kore-idempotency-token"), "one token per event");
    assertEquals("active", json(http.get("/v1/Sims/tracker", auth), 200).getString("status"));
    awaitUntil(DEADLINE, () -> http.get("/metrics", null).body().contains(
        "wireless_callback_attempts_total{attempt=\"1\",kind=\"sim.status\",outcome=\"delivered\"}"));
  }

  @Test
  void aReceiverThatKeepsFailingEndsInTheDebuggerAndCanBeRedelivered() {
    receiver.answerWith(500);
    String sid = json(http.postForm("/v1/Sims/tracker", auth, "RatePlan", "plan", "Status", "ready",
        "CallbackUrl", receiver.url("/broken")), 202).getString("sid");

    awaitUntil(DEADLINE, () -> json(http.get("/v1/Alerts?ResourceSid=" + sid, auth), 200)
        .getJsonArray("alerts").size() == 1);
    JsonObject listed = json(http.get("/v1/Alerts?ResourceSid=" + sid, auth), 200).getJsonArray("alerts")
        .getJsonObject(0);
    assertEquals(11200, listed.getInteger("error_code"));
    assertEquals("error", listed.getString("log_level"));
    JsonObject alert = json(http.get("/v1/Alerts/" + listed.getString("sid"), auth), 200);
    JsonArray attempts = alert.getJsonArray("attempts");
    assertEquals(3, attempts.size(), "the whole retry schedule (0s,20ms,40ms) was used");
    attempts.forEach(a -> assertEquals(500, ((JsonObject) a).getInteger("response_status_code")));
    assertEquals(3, receiver.received().size());
    String token = receiver.received().get(0).headers().get("kore-idempotency-token");
    receiver.received().forEach(r -> assertEquals(token, r.headers().get("kore-idempotency-token")));
    receiver.received().forEach(r -> assertEquals(receiver.received().get(0).body(), r.body()));

    assertError(http.postForm("/v1/Alerts/" + alert.getString("sid") + "/Redeliver", bearer(
        platform.newAccount().authToken())), 404, 20404);
    assertError(http.get("/v1/Alerts/" + alert.getString("sid"), bearer(platform.newAccount().authToken())), 404, 20404);
    assertEquals(0, json(http.get("/v1/Alerts?LogLevel=warning&ResourceSid=" + sid, auth), 200)
        .getJsonArray("alerts").size());
    receiver.answerWith(204);
    assertEquals(202, http.postForm("/v1/Alerts/" + alert.getString("sid") + "/Redeliver", auth).statusCode());
    awaitUntil(DEADLINE, () -> receiver.received().size() == 4);
    assertEquals(token, receiver.received().get(3).headers().get("kore-idempotency-token"), "same event, same token");
    awaitUntil(DEADLINE, () -> json(http.get("/v1/Alerts/" + alert.getString("sid"), auth), 200)
        .getJsonArray("attempts").size() == 4);
    assertError(http.postForm("/v1/Alerts/" + alert.getString("sid") + "/Redeliver", auth), 409, 20409);
  }

  @Test
  void aCallbackUrlThatIsNotAnAbsoluteHttpUrlIsRefusedUpFront() {
    assertError(http.postForm("/v1/Sims/tracker", auth, "RatePlan", "plan", "Status", "ready",
        "CallbackUrl", "ftp://example.com/x"), 400, 21502);
    assertError(http.postForm("/v1/Sims/tracker", auth, "RatePlan", "plan", "Status", "ready",
        "CallbackUrl", "https://example.com/" + "x".repeat(2100)), 400, 33101);
    assertEquals("new", json(http.get("/v1/Sims/tracker", auth), 200).getString("status"), "nothing was applied");
  }

  @Test
  void aWebhookSecretSignsKoreSignatureAndIsShownOnce() throws Exception {
    JsonObject created = json(http.postForm("/v1/WebhookSecrets", auth, "Name", "receiver"), 201);
    String secret = created.getString("secret");
    assertEquals(64, secret.length());
    assertEquals("active", created.getString("status"));
    JsonArray listed = json(http.get("/v1/WebhookSecrets", auth), 200).getJsonArray("webhook_secrets");
    assertEquals(1, listed.size());
    assertEquals(null, listed.getJsonObject(0).getValue("secret"), "the value is never shown again");

    String url = receiver.url("/signed");
    json(http.postForm("/v1/Sims/tracker", auth, "RatePlan", "plan", "Status", "ready", "CallbackUrl", url), 202);
    awaitUntil(DEADLINE, () -> receiver.received().size() == 1);
    Received call = receiver.received().get(0);
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
        .digest((secret + "POST" + url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'))
            + call.body()).getBytes(StandardCharsets.UTF_8));
    assertEquals(java.util.HexFormat.of().formatHex(digest), call.headers().get("kore-signature"));
  }

  /** Twilio's algorithm, written here from its description: HMAC-SHA1(token, url + sorted name+value), base64. */
  private static String expectedTwilioSignature(String authToken, String url, Map<String, String> params)
      throws Exception {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
