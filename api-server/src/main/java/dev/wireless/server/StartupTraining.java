package dev.wireless.server;

import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.ops.Telemetry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The build's training run for the server's class-data archive ({@code wireless-server.jsa}).
 * Half of a start is loading, verifying and linking some ten thousand classes; Java's Class Data
 * Sharing keeps them pre-parsed in an archive that the JVM maps at start
 * ({@code java -XX:SharedArchiveFile=wireless-server.jsa -jar wireless-server.jar}), which halves
 * the time to the first request. The archive holds the classes a run loaded, so this run goes
 * through a real start (a throw-away embedded database, migrations, demo account) and the
 * requests a node serves first, then stops. The build runs it with
 * {@code -XX:ArchiveClassesAtExit}; an archive that does not match the jar is ignored by the JVM.
 */
final class StartupTraining {

  private StartupTraining() {
  }

  static void run() throws Exception {
    Path dataDir = Files.createTempDirectory("wireless-training");
    Map<String, String> env = new HashMap<>();
    env.put("WIRELESS_DATA_DIR", dataDir.toString());
    env.put("WIRELESS_HOST", "127.0.0.1");
    env.put("WIRELESS_PORT", "0");
    env.put("WIRELESS_INSECURE_HTTP", "true");
    env.put("WIRELESS_DEMO", "true");
    env.put("WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8");
    ServerConfig config = ServerConfig.from(env);
    Vertx vertx = Telemetry.newVertx(config.eventLoops());
    WirelessServer server = WirelessServer.start(vertx, config).toCompletionStage().toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
    try {
      exercise("http://127.0.0.1:" + server.port(), server.demoCredentials().authToken());
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      delete(dataDir);
    }
  }

  /** The requests a node serves first: reads, a page, usage, a Command, errors. */
  private static void exercise(String base, String token) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    get(client, base + "/health/ready", null);
    get(client, base + "/v1/RatePlans", token);
    JsonObject page = new JsonObject(get(client, base + "/v1/Sims?Status=active&PageSize=5", token));
    String sid = page.getJsonArray("sims").getJsonObject(0).getString("sid");
    for (int i = 0; i < 50; i++) {
      get(client, base + "/v1/Sims/" + sid, token);
      get(client, base + "/v1/Sims/" + sid + "/UsageRecords?Granularity=daily", token);
      get(client, base + "/v1/UsageRecords?Granularity=daily", token);
      get(client, base + "/v1/Sims/DE00000000000000000000000000000000", token);
      send(client, HttpRequest.newBuilder(URI.create(base + "/v1/Commands")).header("Authorization", "Bearer " + token)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("Sim=" + sid + "&Command=training")).build());
    }
    get(client, base + "/v1/Commands?PageSize=20", token);
  }

  private static String get(HttpClient client, String url, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(client, request.build());
  }

  private static String send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500) {
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
