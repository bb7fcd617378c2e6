package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many clients changing one SIM at the same moment: exactly one status change is accepted and the
 * others are told 33010, and concurrent field-only updates never leave a mix of two requests.
 */
class ConcurrentUpdatesTest {

  private static final int CLIENTS = 24;

  private final TestPlatform platform = TestPlatform.get();
  private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
  private RawHttp http;
  private String auth;

  @BeforeEach
  void account() {
    NewCredentials account = platform.newAccount();
    platform.importSims(account.accountSid(), "race", 2);
    http = new RawHttp(platform.baseUrl());
    auth = bearer(account.authToken());
    String plan = RawHttp.json(http.postForm("/v1/RatePlans", auth, "UniqueName", "race"), 201).getString("sid");
    platform.sql("update sims set status = 'active', rate_plan_id = (select id from rate_plans where sid = '" + plan
        + "') where account_sid = '" + account.accountSid() + "'");
  }

  @AfterEach
  void stop() {
    clients.shutdownNow();
  }

  @Test
  void oneStatusChangeWinsAndTheOthersGet33010() throws Exception {
    String[] targets = {"suspended", "deactivated"};
    List<HttpResponse<String>> answers = race(i -> () -> http.postForm("/v1/Sims/race-0", auth, "Status",
        targets[i % 2]));
    long accepted = answers.stream().filter(r -> r.statusCode() == 202).count();
    assertEquals(1, accepted, "exactly one change is accepted");
    for (HttpResponse<String> answer : answers) {
      if (answer.statusCode() != 202) {
        RawHttp.assertError(answer, 409, 33010);
      }
    }
  }

  @Test
  void concurrentFieldUpdatesNeverMixTwoRequests() throws Exception {
    for (int round = 0; round < 5; round++) {
      List<HttpResponse<String>> answers = race(i -> () -> http.postForm("/v1/Sims/race-1", auth,
          "FriendlyName", "writer " + i, "CommandsCallbackUrl", "https://example.com/writer/" + i,
          "SmsUrl", "https://example.com/sms/" + i));
      answers.forEach(answer -> assertEquals(200, answer.statusCode(), answer.body()));
      JsonObject sim = RawHttp.json(http.get("/v1/Sims/race-1", auth), 200);
      String writer = sim.getString("friendly_name").substring("writer ".length());
      assertEquals("https://example.com/writer/" + writer, sim.getString("commands_callback_url"), sim.encode());
      assertEquals("https://example.com/sms/" + writer, sim.getString("sms_url"), sim.encode());
    }
  }

  /** Starts every client's request at the same moment and collects the answers. */
  private List<HttpResponse<String>> race(IntFunction<Callable<HttpResponse<String>>> request) throws Exception {
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> pending = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      Callable<HttpResponse<String>> call = request.apply(i);
      pending.add(clients.submit(() -> {
        ready.countDown();
        go.await();
        return call.call();
      }));
    }
    assertTrue(ready.await(30, TimeUnit.SECONDS));
    go.countDown();
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> answer : pending) {
      answers.add(answer.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }
}
