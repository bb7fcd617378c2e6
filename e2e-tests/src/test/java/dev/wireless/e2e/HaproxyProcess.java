package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy (the Debian package) in front of API nodes, as an operator runs it: round robin, a health
 * check on {@code /health/ready} every 500 ms that takes a node out after three failures (about
 * 1.5 s, well inside the nodes' 5 s drain; one slow check on a busy machine does not), a conservative
 * retry (only when the connection failed or the server closed it without answering) that goes to
 * the other node, and its stats page to see which servers it has up.
 */
final class HaproxyProcess implements AutoCloseable {

  private static final HttpClient STATS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final int statsPort;

  private HaproxyProcess(Process process, int port, int statsPort) {
    this.process = process;
    this.port = port;
    this.statsPort = statsPort;
  }

  static HaproxyProcess start(List<Integer> nodePorts) throws IOException {
    int port = SharedDatabaseFleet.freePort();
    int statsPort = SharedDatabaseFleet.freePort();
    StringBuilder config = new StringBuilder("""
        defaults
          mode http
          timeout connect 1s
          timeout client 30s
          timeout server 30s
          timeout check 5s
          retries 3
          option redispatch 1
          retry-on conn-failure empty-response
        frontend api
          bind 127.0.0.1:%d
          default_backend nodes
        frontend stats
          bind 127.0.0.1:%d
          stats enable
          stats uri /stats
        backend nodes
          balance roundrobin
          option httpchk GET /health/ready
          http-check expect status 200
          default-server inter 500ms fall 3 rise 2
        """.formatted(port, statsPort));
    for (int i = 0; i < nodePorts.size(); i++) {
      config.append("  server n").append(i + 1).append(" 127.0.0.1:").append(nodePorts.get(i)).append(" check\n");
    }
    Path file = Files.createTempFile("haproxy", ".cfg");
    Files.writeString(file, config);
    Process process = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
        .redirectOutput(Files.createTempFile("haproxy", ".log").toFile()).start();
    return new HaproxyProcess(process, port, statsPort);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** How many of the backend's servers HAProxy has up right now (0 while it is not answering). */
  int serversUp() {
    try {
      HttpResponse<String> csv = STATS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort
          + "/stats;csv")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return (int) csv.body().lines().filter(line -> line.startsWith("nodes,n"))
          .filter(line -> line.split(",")[17].startsWith("UP")).count();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS) || process.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
  }
}
