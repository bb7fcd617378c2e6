package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart as operators do it: two API nodes and a standalone dispatcher on one Postgres,
 * HAProxy in front, steady mixed load through HAProxy, and each node stopped with a plain SIGTERM
 * and started again in turn. No client request fails or goes unanswered, every acknowledged
 * Command ends {@code delivered} (none left {@code sent}), and each one's callback arrives.
 */
class RollingRestartTest {

  private static final int SIMS = 20;
  /** The default drain: longer than HAProxy needs to take a node out (3 checks 500 ms apart). */
  private static final String DRAIN = "5s";

  @Test
  void aRollingRestartBehindHaproxyDropsNoRequestAndLeavesNoCommandSent() throws Exception {
    long t0 = System.nanoTime();
    List<ServerProcess> running = new ArrayList<>();
    try (SharedDatabaseFleet fleet = new SharedDatabaseFleet(SIMS); CallbackReceiver receiver = new CallbackReceiver()) {
      List<Integer> ports = List.of(SharedDatabaseFleet.freePort(), SharedDatabaseFleet.freePort());
      List<Map<String, String>> envs = new ArrayList<>();
      for (int port : ports) {
        Map<String, String> env = fleet.nodeEnv();
        env.put("WIRELESS_PORT", String.valueOf(port));
        env.put("WIRELESS_SHUTDOWN_DRAIN", DRAIN);
        env.put("WIRELESS_RATE_LIMIT", "0");
        envs.add(env);
      }
      var first = CompletableFuture.supplyAsync(() -> start(envs.get(0)));
      var second = CompletableFuture.supplyAsync(() -> start(envs.get(1)));
      running.add(ServerProcess.start(fleet.nodeEnv(), "dispatcher"));
      ServerProcess[] nodes = {first.get(120, TimeUnit.SECONDS), second.get(120, TimeUnit.SECONDS)};
      running.addAll(List.of(nodes));
      fleet.activate(new RawHttp(nodes[0].baseUrl()));
      try (HaproxyProcess haproxy = HaproxyProcess.start(ports)) {
        awaitUntil(Duration.ofSeconds(20), () -> haproxy.serversUp() == 2);
        System.out.printf("rolling restart: Postgres, 2 nodes, a dispatcher and HAProxy up in %d ms%n",
            (System.nanoTime() - t0) / 1_000_000);
        SteadyLoad load = new SteadyLoad(haproxy.baseUrl(), fleet.auth(), SIMS, receiver.url("/commands"), 3);
        long loadStarted = System.nanoTime();
        Thread.sleep(2_000); // load on both nodes before the first restart
        for (int i = 0; i < nodes.length; i++) {
          ServerProcess node = nodes[i];
          long signalled = System.nanoTime();
          node.sigterm();
          int port = ports.get(i);
          awaitUntil(Duration.ofSeconds(5), () -> status(port, "/health/ready").startsWith("HTTP/1.1 503"));
          long notReady = System.nanoTime();
          String draining = status(port, "/health/live");
          assertTrue(draining.startsWith("HTTP/1.1 200"), draining);
          assertTrue(draining.toLowerCase().contains("connection: close"), "served with Connection: close: " + draining);
          assertTrue(node.exited(60), "the node stops after its drain");
          long exited = System.nanoTime();
          running.remove(node);
          nodes[i] = ServerProcess.start(envs.get(i));
          running.add(nodes[i]);
          awaitUntil(Duration.ofSeconds(30), () -> haproxy.serversUp() == 2);
          System.out.printf("rolling restart: node %d not ready %d ms after SIGTERM, exited after %d ms, back in "
              + "HAProxy %d ms after SIGTERM%n", i + 1, (notReady - signalled) / 1_000_000,
              (exited - signalled) / 1_000_000, (System.nanoTime() - signalled) / 1_000_000);
        }
        Thread.sleep(2_000); // load on both restarted nodes
        load.close();
        long loadSeconds = (System.nanoTime() - loadStarted) / 1_000_000_000;
        List<String> acknowledged = List.copyOf(load.acknowledgedCommands);
        assertEquals(List.of(), load.failureList(), "no failed request");
        assertTrue(acknowledged.size() > 50, "Commands were sent throughout: " + acknowledged.size());
        awaitUntil(Duration.ofSeconds(30), () -> fleet.count("select count(*) from commands "
            + "where status in ('queued', 'sent')") == 0);
        assertEquals(0, fleet.count("select count(*) from commands where status <> 'delivered'"),
            "every Command delivered");
        assertEquals(acknowledged.size(), fleet.count("select count(*) from commands"), "one Command per 201");
        awaitUntil(Duration.ofSeconds(30), () -> receiver.received().stream()
            .map(r -> r.form().get("CommandSid")).collect(Collectors.toSet()).containsAll(acknowledged));
        Map<String, List<String>> statuses = receiver.received().stream().map(CallbackReceiver.Received::form)
            .collect(Collectors.groupingBy(f -> f.get("CommandSid"), Collectors.mapping(f -> f.get("Status"),
                Collectors.toList())));
        assertEquals(Set.copyOf(acknowledged), statuses.keySet());
        statuses.forEach((sid, seen) -> assertTrue(seen.stream().allMatch("delivered"::equals), sid + ": " + seen));
        long tokens = receiver.received().stream().map(r -> r.headers().get("I-Twilio-Idempotency-Token")).distinct()
            .count();
        assertEquals(acknowledged.size(), tokens, "one callback event per Command");
        System.out.printf("rolling restart: %d requests in %d s through HAProxy, 0 failed; %d Commands, all "
            + "delivered; %d callbacks received for them (%d duplicate deliveries)%n", load.requests.get(),
            loadSeconds, acknowledged.size(), receiver.received().size(), receiver.received().size() - tokens);
      }
    } finally {
      for (ServerProcess process : running) {
        process.close();
      }
    }
  }

  private static ServerProcess start(Map<String, String> env) {
    try {
      return ServerProcess.start(env);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The status line and headers of a GET straight to a node, on a new HTTP/1.1 connection. */
  private static String status(int port, String path) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      StringBuilder head = new StringBuilder();
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        head.append(line).append('\n');
      }
      return head.toString();
    } catch (IOException e) {
      return "no answer: " + e;
    }
  }
}
