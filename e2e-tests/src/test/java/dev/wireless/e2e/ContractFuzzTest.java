package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.e2e.FuzzCorpus.FuzzRequest;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Over 10,000 hostile requests generated from the served contract, sent straight to the server
 * (HTTPS, no proxy in between): not one may be answered with a 5xx, time out or lose its
 * connection, and every 4xx must carry the JSON error body with a code. The seed is printed and can
 * be replayed with {@code -Dfuzz.seed=N}; the tallies land in {@code target/fuzz-summary.txt}.
 */
class ContractFuzzTest {

  private static final int ACCOUNTS = 6;
  private static final int RANDOM_MIXES = Integer.getInteger("fuzz.mixes", 7_000);

  private final TestPlatform platform = TestPlatform.get();

  @Test
  void noHostileRequestGetsA5xxOrAnErrorWithoutItsBody() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime());
    List<String> authorizations = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      authorizations.add(fuzzAccount());
    }
    JsonObject spec = new JsonObject(new RawHttp(platform.baseUrl()).get("/v1/openapi.json", null).body());
    Map<String, String> ids = Map.of("/v1/Sims/{Sid}", "fuzz-0", "/v1/Sims/{SimSid}/DataSessions", "fuzz-1",
        "/v1/Sims/{SimSid}/UsageRecords", "fuzz-1", "/v1/RatePlans/{Sid}", "fuzz-plan");
    java.util.Set<String> tokenPaths = tokenPaths(spec);
    List<FuzzRequest> corpus = new ArrayList<>(new FuzzCorpus(spec, ids, seed).build(RANDOM_MIXES));
    corpus.add(new FuzzRequest("oversized body", "POST", "/v1/RatePlans", FuzzCorpus.FORM,
        ("FriendlyName=" + "x".repeat(2 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8)));
    Collections.shuffle(corpus, new java.util.Random(seed));

    HttpClient client = TrustingHttps.client();
    String base = "https://127.0.0.1:" + platform.server().port();
    Map<String, AtomicInteger> byStatus = new TreeMap<>();
    Map<Integer, AtomicInteger> byCode = new ConcurrentHashMap<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    Semaphore inFlight = new Semaphore(8);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < corpus.size(); i++) {
      FuzzRequest request = corpus.get(i);
      inFlight.acquire();
      sent.add(client.sendAsync(build(base, request, authorizations.get(i % ACCOUNTS)),
              HttpResponse.BodyHandlers.ofString())
          .whenComplete((response, error) -> {
            inFlight.release();
            String verdict = error != null ? "no response: " + error : check(response, byCode, tokenPaths);
            synchronized (byStatus) {
              byStatus.computeIfAbsent(error != null ? "none" : String.valueOf(response.statusCode()),
                  k -> new AtomicInteger()).incrementAndGet();
            }
            if (verdict != null) {
              failures.add(request.label() + " → " + verdict);
            }
          }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    long millis = (System.nanoTime() - started) / 1_000_000;
    failures.sort(java.util.Comparator.comparing(f -> f.contains("→ 501")));

    String summary = "seed " + seed + "\nrequests " + corpus.size() + " in " + millis + " ms\nby status "
        + byStatus + "\nby error code " + new TreeMap<>(byCode) + "\nfailures " + failures.size() + "\n"
        + String.join("\n", failures.subList(0, Math.min(40, failures.size()))) + "\n";
    Files.writeString(Path.of("target", "fuzz-summary.txt"), summary);
    System.out.println(summary);
    assertTrue(corpus.size() >= 10_000, "corpus of " + corpus.size());
    assertTrue(failures.isEmpty(), summary);
    assertTrue(byStatus.containsKey("413"), "oversized bodies must be refused with 413: " + summary);
  }

  /** Returns null when the response is acceptable, else what is wrong with it. */
  private static String check(HttpResponse<String> response, Map<Integer, AtomicInteger> byCode,
                              java.util.Set<String> tokenPaths) {
    int status = response.statusCode();
    if (status >= 500) {
      return status + " " + abbreviate(response.body());
    }
    if (status < 400) {
      return null;
    }
    if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      return status + " without a JSON error body: " + abbreviate(response.body());
    }
    if (response.request().method().equals("HEAD")) {
      return null; // the headers of the error answer, without its body (RFC 9110 §9.3.2)
    }
    try {
      JsonObject body = new JsonObject(response.body());
      if (tokenPaths.contains(response.uri().getPath()) && body.containsKey("error")) {
        return body.getString("error_description", "").isBlank() ? status + " with an incomplete OAuth error: "
            + abbreviate(response.body()) : null;
      }
      Integer code = body.getInteger("code");
      if (code == null || body.getInteger("status") != status || body.getString("message", "").isBlank()
          || !body.getString("more_info", "").endsWith("/" + code) || body.getString("detail", "").isBlank()) {
        return status + " with an incomplete error body: " + abbreviate(response.body());
      }
      byCode.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
      return null;
    } catch (RuntimeException e) {
      return status + " with a body that is not the error JSON: " + abbreviate(response.body());
    }
  }

  /** The token endpoints, whose refusals have the OAuth shape {error, error_description} instead. */
  private static java.util.Set<String> tokenPaths(JsonObject spec) {
    java.util.Set<String> paths = new java.util.HashSet<>();
    spec.getJsonObject("paths").forEach(path -> {
      JsonObject post = ((JsonObject) path.getValue()).getJsonObject("post");
      if (post != null && post.getBoolean("x-oauth-token-endpoint", false)) {
        paths.add(path.getKey());
      }
    });
    return paths;
  }

  private static HttpRequest build(String base, FuzzRequest request, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
        .timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
    if (request.contentType() != null) {
      builder.header("Content-Type", request.contentType());
    }
    HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(request.body());
    return builder.method(request.method(), body).build();
  }

  /** An account holding SIMs "fuzz-0", "fuzz-1" and the plan "fuzz-plan", so valid paths resolve. */
  private String fuzzAccount() {
    NewCredentials account = platform.newAccount();
    platform.importSims(account.accountSid(), "fuzz", 2);
    String auth = RawHttp.bearer(account.authToken());
    RawHttp.json(new RawHttp(platform.baseUrl()).postForm("/v1/RatePlans", auth, "UniqueName", "fuzz-plan"), 201);
    return auth;
  }

  private static String abbreviate(String body) {
    return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
  }
}
