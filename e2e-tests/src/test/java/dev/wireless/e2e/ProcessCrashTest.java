package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "A 202 means it will happen even if the process dies right after": a burst of status changes on
 * the packaged server, the process stopped (SIGTERM) or killed (SIGKILL) right after the 202s, then
 * started again on the same data directory. Every accepted change completes and its final
 * callback arrives; nothing accepted is lost.
 */
class ProcessCrashTest {

  @ParameterizedTest
  @ValueSource(strings = {"SIGTERM", "SIGKILL"})
  void everyAcceptedChangeCompletesAfterTheProcessStops(String signal) throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-crash");
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      Node first = start(dataDir);
      String auth = bearer(first.token);
      RawHttp http = new RawHttp(first.baseUrl);
      Map<String, String> targets = new HashMap<>();
      for (int i = 1; i <= 6; i++) {
        targets.put("demo-active-" + i, "suspended");
        targets.put("demo-suspended-" + i, "active");
        targets.put("demo-ready-" + i, "active");
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Integer>> sent = new ArrayList<>();
      targets.forEach((sim, status) -> sent.add(pool.submit(() -> http.postForm("/v1/Sims/" + sim, auth,
          "Status", status, "CallbackUrl", receiver.url("/" + sim)).statusCode())));
      for (Future<Integer> response : sent) {
        assertEquals(202, response.get(60, TimeUnit.SECONDS));
      }
      pool.shutdown();
      stop(first, signal);

      Node second = start(dataDir);
      try {
        RawHttp after = new RawHttp(second.baseUrl);
        awaitUntil(Duration.ofSeconds(60), () -> targets.entrySet().stream().allMatch(t -> t.getValue().equals(
            new JsonObject(after.get("/v1/Sims/" + t.getKey(), auth).body()).getString("status"))));
        awaitUntil(Duration.ofSeconds(60), () -> targets.keySet().stream().allMatch(sim -> receiver.received()
            .stream().anyMatch(r -> r.uri().equals("/" + sim) && targets.get(sim).equals(r.form().get("Status")))));
        assertTrue(receiver.received().size() >= targets.size());
      } finally {
        stop(second, "SIGTERM");
        stopOrphanedPostgres(dataDir);
      }
    }
  }

  /** After a SIGKILL the embedded Postgres outlives its JVM (the next start attaches to it); stop it. */
  private static void stopOrphanedPostgres(Path dataDir) throws Exception {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid).ifPresent(postmaster -> {
        postmaster.destroy();
        postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
      });
    }
  }

  private record Node(ServerProcess process, String baseUrl, String token) {
  }

  private static Node start(Path dataDir) throws Exception {
    ServerProcess process = ServerProcess.start(Map.of("WIRELESS_DATA_DIR", dataDir.toString(), "WIRELESS_PORT", "0",
        "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_CARRIER_LATENCY", "300ms",
        "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8", "WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,100ms,200ms,500ms,1s",
        "WIRELESS_PROVISIONING_LEASE", "3s", "WIRELESS_CALLBACK_LEASE", "3s", "WIRELESS_CALLBACK_TIMEOUT", "2s"));
    return new Node(process, process.baseUrl(), process.demo().authToken());
  }

  private static void stop(Node node, String signal) throws Exception {
    if (signal.equals("SIGKILL")) {
      node.process.kill();
    } else {
      assertTrue(node.process.terminate(), "the server did not stop on " + signal);
    }
  }
}
