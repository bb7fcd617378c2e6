package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's run command, as a new user runs it: the packaged jar starts on HTTPS with its own
 * embedded Postgres, prints demo credentials that work with curl, and keeps its data across a
 * restart (stopped with SIGTERM, started again on the same data directory).
 */
class RunnableJarTest {

  private static final Pattern LISTENING = Pattern.compile("listening on (https://localhost:\\d+)");
  private static final Pattern DEMO = Pattern.compile("ACCOUNT_SID=(AC[0-9a-f]{32}) AUTH_TOKEN=([0-9a-f]{32})");

  @Test
  void theJarServesHttpsWithDemoCredentialsAndKeepsDataAcrossARestart() throws Exception {
    Path jar = Path.of(System.getProperty("wireless.server.jar"));
    assertTrue(Files.exists(jar), "build the jar first: " + jar);
    Path dataDir = Files.createTempDirectory("wireless-jar");

    Started first = start(jar, dataDir);
    String created;
    try {
      String list = curl(first, "GET", "/v1/RatePlans");
      assertEquals("rate_plans", new JsonObject(list).getJsonObject("meta").getString("key"), list);
      created = new JsonObject(curl(first, "POST", "/v1/RatePlans", "-d", "UniqueName=survivor")).getString("sid");
      assertNotNull(created);
    } finally {
      stop(first);
    }
    List<String> saved = Files.readAllLines(dataDir.resolve("demo-credentials.env"));
    assertEquals(List.of("ACCOUNT_SID=" + first.accountSid, "AUTH_TOKEN=" + first.authToken), saved);

    Started second = start(jar, dataDir);
    try {
      assertEquals(first.accountSid, second.accountSid);
      assertEquals(first.authToken, second.authToken);
      JsonObject survivor = new JsonObject(curl(second, "GET", "/v1/RatePlans/survivor"));
      assertEquals(created, survivor.getString("sid"));
    } finally {
      stop(second);
    }
  }

  private record Started(Process process, String baseUrl, String accountSid, String authToken) {
  }

  private static Started start(Path jar, Path dataDir) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()).redirectErrorStream(true);
    builder.environment().put("WIRELESS_DATA_DIR", dataDir.toString());
    builder.environment().put("WIRELESS_PORT", "0");
    builder.environment().remove("WIRELESS_DB_URL");
    Process process = builder.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("read failed: " + e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    String baseUrl = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    StringBuilder output = new StringBuilder();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        assertTrue(process.isAlive(), "the server exited:\n" + output);
        continue;
      }
      output.append(line).append('\n');
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        baseUrl = listening.group(1);
      }
      Matcher demo = DEMO.matcher(line);
      if (demo.find() && baseUrl != null) {
        return new Started(process, baseUrl, demo.group(1), demo.group(2));
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the server did not start in time:\n" + output);
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
    server.process.destroy();
    if (!server.process.waitFor(60, TimeUnit.SECONDS)) {
      server.process.destroyForcibly();
      throw new AssertionError("the server did not stop on SIGTERM");
    }
  }
}
