package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.EmbeddedDatabase;
import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A node of its own on plain HTTP, with a small failed-authentication throttle (burst 3, one
 * failure every 5 s) and no callback allow-list, spoken to byte for byte. Each test uses its own
 * client address (127.0.0.x: any loopback address can be a source), since the throttle counts per
 * address. The last test stops the database to get a mapped 503.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlainHttpSecurityTest {

  private static EmbeddedDatabase database;
  private static Vertx vertx;
  private static WirelessServer server;
  private static String good;

  @BeforeAll
  static void start() throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-plain-security");
    database = EmbeddedDatabase.start(dataDir.resolve("pg"));
    vertx = Vertx.vertx();
    server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.ofEntries(
        Map.entry("WIRELESS_DATA_DIR", dataDir.toString()), Map.entry("WIRELESS_PORT", "0"),
        Map.entry("WIRELESS_HOST", "127.0.0.1"), Map.entry("WIRELESS_INSECURE_HTTP", "true"),
        Map.entry("WIRELESS_PROVISIONING_WORKERS", "0"), Map.entry("WIRELESS_DEMO", "true"),
        Map.entry("WIRELESS_SIMULATED_TRAFFIC", "false"),
        Map.entry("WIRELESS_AUTH_FAILURE_LIMIT", "12"), Map.entry("WIRELESS_AUTH_FAILURE_BURST", "3"),
        Map.entry("WIRELESS_DB_URL", "postgresql://postgres:postgres@localhost:" + database.location().port()
            + "/postgres")))));
    good = bearer(server.demoCredentials().authToken());
  }

  @AfterAll
  static void stop() {
    TestPlatform.await(server.stop());
    TestPlatform.await(vertx.close());
    database.close();
  }

  @Test
  @Order(1)
  void repeatedFailuresFromOneAddressAreThrottledThenRecover() {
    String from = "127.0.0.2";
    String wrong = bearer("0123456789abcdef0123456789abcdef");
    for (int i = 0; i < 3; i++) {
      assertError(send(from, get("/v1/RatePlans", wrong)), 401, 20003);
    }
    RawWire.Response throttled = send(from, get("/v1/RatePlans", wrong));
    long blockedAt = System.nanoTime();
    assertError(throttled, 429, 20429);
    long retryAfter = Long.parseLong(throttled.header("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 5, "Retry-After: " + retryAfter);
    // while refused, not even the right token is looked at: a guess made now teaches nothing
    assertError(send(from, get("/v1/RatePlans", good)), 429, 20429);

    // another address is not affected: its right token works, its wrong one is a plain 401
    assertEquals(200, send("127.0.0.3", get("/v1/RatePlans", good)).status());
    assertError(send("127.0.0.3", get("/v1/RatePlans", wrong)), 401, 20003);

    // one failure's worth refills in 5 s, counted from the first failure: then the address may try again
    Await.awaitUntil(Duration.ofSeconds(10), () -> send(from, get("/v1/RatePlans", good)).status() == 200);
    long recoveredMs = (System.nanoTime() - blockedAt) / 1_000_000;
    assertTrue(recoveredMs <= retryAfter * 1000 + 500, "recovered after " + recoveredMs + " ms");
    System.out.printf("failed-authentication throttle: burst 3, 429 (Retry-After %d) on the 4th, recovered after %d ms%n",
        retryAfter, recoveredMs);
  }

  @Test
  @Order(2)
  void theTokenEndpointCountsWrongSecretsToo() {
    String from = "127.0.0.4";
    String sid = server.demoCredentials().accountSid();
    String form = RawHttp.form("grant_type", "client_credentials", "client_id", sid, "client_secret", "guess");
    for (int i = 0; i < 3; i++) {
      RawWire.Response refused = send(from, post("/v1/auth/token", null, form));
      assertEquals(401, refused.status(), refused.describe());
      assertEquals("invalid_client", new JsonObject(refused.body()).getString("error"), refused.body());
    }
    assertError(send(from, post("/v1/auth/token", null, form)), 429, 20429);
  }

  @Test
  @Order(3)
  void withoutAnAllowListLoopbackCallbackUrlsAreRefusedToo() {
    for (String url : new String[] {"http://127.0.0.1:8080", "http://localhost/usage", "http://2130706433/",
        "http://0x7f000001/", "http://0177.0.0.1/", "http://[::ffff:127.0.0.1]/"}) {
      RawWire.Response response = send("127.0.0.5", post("/v1/RatePlans", good,
          RawHttp.form("UsageNotificationUrl", url)));
      JsonObject error = assertError(response, 400, 21502);
      assertTrue(error.getString("message").startsWith("UsageNotificationUrl: "), error.getString("message"));
    }
  }

  @Test
  @Order(4)
  void aMappedServerErrorOnPlainHttpCarriesTheHeadersWithoutHsts() {
    assertEquals(200, send("127.0.0.6", get("/v1/RatePlans", good)).status());
    database.close();
    Await.awaitUntil(Duration.ofSeconds(20), () -> send("127.0.0.6", get("/v1/RatePlans", good)).status() == 503);
    RawWire.Response unavailable = send("127.0.0.6", get("/v1/RatePlans", good));
    SecurityHeadersTest.assertApiHeaders(unavailable, 503, false);
    assertEquals(20503, new JsonObject(unavailable.body()).getInteger("code"));
  }

  private static JsonObject assertError(RawWire.Response response, int status, int code) {
    SecurityHeadersTest.assertApiHeaders(response, status, false);
    JsonObject error = new JsonObject(response.body());
    assertEquals(code, error.getInteger("code"), response.body());
    return error;
  }

  private static String get(String path, String authorization) {
    return SecurityHeadersTest.get(path, authorization);
  }

  private static String post(String path, String authorization, String form) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close\r\n\r\n" + form;
  }

  private static RawWire.Response send(String from, String request) {
    return RawWire.exchange(false, from, server.port(), request);
  }
}
