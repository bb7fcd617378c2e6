package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a new user runs it: the packaged jar starts on HTTPS with its own
 * embedded Postgres, prints demo credentials that work with curl, and keeps its data across a
 * restart (stopped with SIGTERM, started again on the same data directory); the embedded Postgres
 * stops with the node and is not left running behind it.
 */
class RunnableJarTest {

  @Test
  void theJarServesHttpsWithDemoCredentialsAndKeepsDataAcrossARestart() throws Exception {
    Path dataDir = ScratchDirectories.create("wireless-jar");

    Started first = start(dataDir);
    String created;
    try {
      String list = curl(first, "GET", "/v1/RatePlans");
      assertEquals("rate_plans", new JsonObject(list).getJsonObject("meta").getString("key"), list);
      created = new JsonObject(curl(first, "POST", "/v1/RatePlans", "-d", "UniqueName=survivor")).getString("sid");
      assertNotNull(created);
    } finally {
      stop(first);
    }
    assertEquals(List.of(), postgresServing(dataDir), "SIGTERM left the embedded Postgres running");
    List<String> saved = Files.readAllLines(dataDir.resolve("demo-credentials.env"));
    assertEquals(List.of("ACCOUNT_SID=" + first.accountSid, "AUTH_TOKEN=" + first.authToken), saved);

    Started second = start(dataDir);
    try {
      assertEquals(first.accountSid, second.accountSid);
      assertEquals(first.authToken, second.authToken);
      JsonObject survivor = new JsonObject(curl(second, "GET", "/v1/RatePlans/survivor"));
      assertEquals(created, survivor.getString("sid"));
    } finally {
      stop(second);
    }
    assertEquals(List.of(), postgresServing(dataDir), "SIGTERM left the embedded Postgres running");
  }

  /** Processes still serving {@code dataDir}'s cluster (its postmaster, or one started again by mistake). */
  private static List<String> postgresServing(Path dataDir) {
    String cluster = dataDir.resolve("postgres").toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(process -> process.info().commandLine().orElse(""))
        .filter(line -> line.contains("postgres") && line.contains(cluster))
        .toList();
  }

  private record Started(ServerProcess process, String baseUrl, String accountSid, String authToken) {
  }

  private static Started start(Path dataDir) throws Exception {
    ServerProcess process = ServerProcess.start(Map.of("WIRELESS_DATA_DIR", dataDir.toString(), "WIRELESS_PORT", "0"));
    ServerProcess.Demo demo = process.demo();
    return new Started(process, process.baseUrl(), demo.accountSid(), demo.authToken());
  }

  private static String curl(Started server, String method, String path, String... extra) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("curl", "-sS", "-k", "--max-time", "30", "-X", method,
        "-H", "Authorization: Bearer " + server.authToken, "-w", "\n%{http_code}", server.baseUrl + path));
    command.addAll(List.of(extra));
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
    int split = output.lastIndexOf('\n');
    int status = Integer.parseInt(output.substring(split + 1).trim());
    assertTrue(status == 200 || status == 201, "curl " + method + " " + path + " -> " + output);
    return output.substring(0, split);
  }

  private static void stop(Started server) throws InterruptedException {
    assertTrue(server.process.terminate(), "the server did not stop on SIGTERM");
  }
}
