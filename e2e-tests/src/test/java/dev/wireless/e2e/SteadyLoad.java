package dev.wireless.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients sending a steady mix through one base URL on keep-alive HTTP/1.1 connections, as an
 * application behind a load balancer does: fetch a SIM, list a SIM's Commands, and send a Command
 * with an {@code Idempotency-Key} and a callback. Nothing is retried by the clients: every answer
 * other than the expected status, and every request without an answer, is a failure.
 */
final class SteadyLoad implements AutoCloseable {

  private final String baseUrl;
  private final String auth;
  private final int sims;
  private final String callbackUrl;
  private final ExecutorService clients;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean running = true;
  final AtomicInteger requests = new AtomicInteger();
  final Queue<String> failures = new ConcurrentLinkedQueue<>();
  final Queue<String> acknowledgedCommands = new ConcurrentLinkedQueue<>();

  SteadyLoad(String baseUrl, String auth, int sims, String callbackUrl, int threads) {
    this.baseUrl = baseUrl;
    this.auth = auth;
    this.sims = sims;
    this.callbackUrl = callbackUrl;
    this.clients = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      clients.submit(this::run);
    }
  }

  private void run() {
    while (running) {
      int sim = ThreadLocalRandom.current().nextInt(sims);
      int kind = ThreadLocalRandom.current().nextInt(3);
      String what = kind == 0 ? "GET sim" : kind == 1 ? "GET commands" : "POST command";
      try {
        HttpResponse<String> response = switch (kind) {
          case 0 -> http.send(get("/v1/Sims/fleet-" + sim), HttpResponse.BodyHandlers.ofString());
          case 1 -> http.send(get("/v1/Commands?Sim=fleet-" + sim + "&PageSize=5"), HttpResponse.BodyHandlers.ofString());
          default -> http.send(post(sim), HttpResponse.BodyHandlers.ofString());
        };
        int expected = kind == 2 ? 201 : 200;
        if (response.statusCode() != expected) {
          failures.add(what + ": " + response.statusCode() + " " + response.body());
        } else if (kind == 2) {
          acknowledgedCommands.add(new io.vertx.core.json.JsonObject(response.body()).getString("sid"));
        }
      } catch (Exception e) {
        failures.add(what + ": no answer: " + e);
      }
      requests.incrementAndGet();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", auth).GET().build();
  }

  private HttpRequest post(int sim) {
    String body = "Sim=fleet-" + sim + "&Command=" + URLEncoder.encode("steady " + UUID.randomUUID(),
        StandardCharsets.UTF_8) + "&CallbackUrl=" + URLEncoder.encode(callbackUrl, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/Commands")).timeout(Duration.ofSeconds(30))
        .header("Authorization", auth).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Stops the clients once their requests in flight are answered. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    clients.shutdown();
    clients.awaitTermination(60, TimeUnit.SECONDS);
  }

  List<String> failureList() {
    return List.copyOf(failures);
  }
}
