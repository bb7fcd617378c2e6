package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL of the embedded Postgres' postmaster under a steady stream of writes: the node starts
 * it again (crash recovery), serves again within 10 s, stays live throughout, and every write it
 * acknowledged is still there.
 */
class EmbeddedPostgresCrashTest {

  @Test
  void theNodeRestartsItsKilledDatabaseAndLosesNoAcknowledgedWrite() throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-embedded-crash");
    Vertx vertx = Vertx.vertx();
    WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", dataDir.toString(), "WIRELESS_PORT", "0", "WIRELESS_HOST", "127.0.0.1",
        "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0", "WIRELESS_DEMO", "true",
        "WIRELESS_SIMULATED_TRAFFIC", "false", "WIRELESS_RATE_LIMIT", "0", "WIRELESS_REQUEST_TIMEOUT", "3s"))));
    RawHttp http = new RawHttp(server.baseUrl());
    String auth = bearer(server.demoCredentials().authToken());
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    AtomicLong slowest = new AtomicLong();
    AtomicBoolean writing = new AtomicBoolean(true);
    Thread writer = new Thread(() -> {
      for (int i = 0; writing.get(); i++) {
        String name = "crash-" + i;
        long started = System.nanoTime();
        HttpResponse<String> response = http.postForm("/v1/RatePlans", auth, "UniqueName", name);
        slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        if (response.statusCode() == 201) {
          acknowledged.add(name);
        } else {
          assertError(response, 503, response.body().contains("20504") ? 20504 : 20503);
          refused.incrementAndGet();
        }
      }
    }, "steady-writer");
    try {
      writer.start();
      awaitUntil(Duration.ofSeconds(10), () -> acknowledged.size() >= 20);
      long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
      ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
      int before = acknowledged.size();
      assertTrue(postmaster.destroyForcibly(), "SIGKILL sent");
      long killed = System.nanoTime();
      postmaster.onExit().get();
      awaitUntil(Duration.ofSeconds(5), () -> refused.get() > 0 || acknowledged.size() > before + 50);
      awaitUntil(Duration.ofSeconds(10), () -> http.get("/health/ready", null).statusCode() == 200
          && http.get("/v1/RatePlans", auth).statusCode() == 200);
      long recovered = (System.nanoTime() - killed) / 1_000_000;
      assertTrue(recovered <= 10_000, "serving again after " + recovered + " ms");
      assertEquals(200, http.get("/health/live", null).statusCode(), "live throughout");
      int afterRecovery = acknowledged.size();
      awaitUntil(Duration.ofSeconds(10), () -> acknowledged.size() > afterRecovery + 10);
      writing.set(false);
      writer.join(30_000);

      for (String name : acknowledged) {
        assertEquals(200, http.get("/v1/RatePlans/" + name, auth).statusCode(), name + " was acknowledged");
      }
      assertTrue(slowest.get() < 3_000 + 1_500, "no write waited past the deadline: " + slowest.get() + " ms");
      System.out.printf("embedded Postgres killed (SIGKILL): serving again after %d ms; %d writes acknowledged,"
          + " all present; %d refused with 503 meanwhile; slowest request %d ms%n",
          recovered, acknowledged.size(), refused.get(), slowest.get());
    } finally {
      writing.set(false);
      writer.join(30_000);
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }
}
