package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parameter shortcuts never accept what the contract's full validator refuses, and give the
 * same value: every parameter of the contract that has a shortcut is tried with edge cases and
 * with thousands of random values, and each value the shortcut accepts is validated again in full.
 */
class SimpleParameterCheckTest {

  private static Vertx vertx;
  private static OpenAPIContract contract;
  private static JsonObject document;

  @BeforeAll
  static void loadContract() throws Exception {
    vertx = Vertx.vertx();
    document = ContractDocument.load();
    new FormBodyAdapter(document);
    new PublicOperations(document);
    contract = OpenAPIContract.from(vertx, document).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void whateverAShortcutAcceptsTheFullValidatorAcceptsWithTheSameValue() {
    VertxInternals.Checks full = new VertxInternals.Checks(vertx, contract);
    Random random = new Random(20261201);
    int shortcuts = 0;
    int accepted = 0;
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        SimpleParameterCheck check = SimpleParameterCheck.of(parameter, document);
        if (check == null) {
          continue;
        }
        shortcuts++;
        for (String raw : candidates(random)) {
          Object fast = check.validate(raw);
          if (fast == SimpleParameterCheck.UNDECIDED) {
            continue;
          }
          accepted++;
          try {
            RequestParameter validated = full.parameter(parameter, new ParameterValue(raw));
            assertEquals(validated.get(), fast, operation.getOperationId() + " " + parameter.getName() + "=" + raw);
          } catch (ValidatorException e) {
            fail(operation.getOperationId() + " " + parameter.getName() + "=" + raw + " passed the shortcut but "
                + "the full validator refused it: " + e.getMessage());
          }
        }
      }
    }
    assertTrue(shortcuts >= 30, "most of the contract's parameters have a shortcut: " + shortcuts);
    assertTrue(accepted >= 1000, "the shortcuts accepted enough values to compare: " + accepted);
  }

  @Test
  void theHotParametersHaveShortcutsThatAcceptTheirUsualValues() {
    Operation fetch = contract.operation("FetchSim");
    SimpleParameterCheck sid = SimpleParameterCheck.of(parameter(fetch, "Sid"), document);
    assertNotNull(sid);
    assertEquals("DE464b6f9832808b2fb77a5dcf6796d965", sid.validate("DE464b6f9832808b2fb77a5dcf6796d965"));
    assertEquals("bench-12", sid.validate("bench-12"));
    assertEquals("12345", sid.validate("12345"));
    assertEquals(SimpleParameterCheck.UNDECIDED, sid.validate(""));
    assertEquals(SimpleParameterCheck.UNDECIDED, sid.validate("x".repeat(65)));
    assertEquals(SimpleParameterCheck.UNDECIDED, sid.validate("-5"), "decoded as a number by the full validator");
    SimpleParameterCheck pageSize = SimpleParameterCheck.of(parameter(contract.operation("ListSim"), "PageSize"),
        document);
    assertNotNull(pageSize);
    assertEquals(50, pageSize.validate("50"));
    assertEquals(SimpleParameterCheck.UNDECIDED, pageSize.validate("0"));
    assertEquals(SimpleParameterCheck.UNDECIDED, pageSize.validate("05"));
    assertEquals(SimpleParameterCheck.UNDECIDED, pageSize.validate("5.0"));
    SimpleParameterCheck start = SimpleParameterCheck.of(parameter(contract.operation("ListAccountUsageRecord"),
        "Start"), document);
    assertNotNull(start);
    assertEquals("2026-09-02T21:00:00Z", start.validate("2026-09-02T21:00:00Z"));
    assertEquals(SimpleParameterCheck.UNDECIDED, start.validate("2026-09-02"));
    assertEquals(SimpleParameterCheck.UNDECIDED, start.validate("yesterday"));
  }

  private static Parameter parameter(Operation operation, String name) {
    return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> candidates(Random random) {
    List<String> values = new ArrayList<>(List.of("", "a", "A", "_", "0", "1", "-1", "05", "5.0", "1e3", "50", "1000",
        "1001", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "true", "false", "null", "tracker",
        "fleet-1", "nuts", "\"quoted\"", "a\"b", "a\\nb", "x y", "ümlaut", "DE464b6f9832808b2fb77a5dcf6796d965",
        "de464b6f9832808b2fb77a5dcf6796d965", "DE464b6f9832808b2fb77a5dcf6796d96", "DC464b6f9832808b2fb77a5dcf6796d965",
        "WP464b6f9832808b2fb77a5dcf6796d965", "AC464b6f9832808b2fb77a5dcf6796d965", "active", "ready", "queued",
        "to_sim", "sms", "text", "binary", "daily", "hourly", "all", "GET", "POST", "8901260123456789012",
        "x".repeat(64), "x".repeat(65), "é".repeat(64), "😀".repeat(33), "[1]", "{}", "-", "+1", " 1", "1 ",
        "2026-09-02T21:00:00Z", "2026-09-02T21:00:00.123Z", "2026-09-02T21:00:00+02:00", "2026-02-30T21:00:00Z",
        "2026-09-02", "2026-09-02T25:00:00Z", "2026-9-2T21:00:00Z", "2026-09-02t21:00:00z", "2026-09-02T21:00Z",
        "2026-12-31T23:59:60Z", "20260902T210000Z", "2026-09-02T21:00:00Z\"", "1999-12-31T23:59:59.999999999-12:00"));
    String alphabet = "abcdefxyzDEWPC0123456789_-.:/\"\\ é😀tfn";
    for (int i = 0; i < 500; i++) {
      values.add(String.format("%04d-%02d-%02dT%02d:%02d:%02d%s", random.nextInt(3000), random.nextInt(14),
          random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
          new String[] {"Z", "z", "+01:00", "-1200", ".5Z", "", "+25:00"}[random.nextInt(7)]));
    }
    for (int i = 0; i < 3000; i++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(i % 10 == 0 ? 70 : 12);
      for (int j = 0; j < length; j++) {
        value.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      values.add(value.toString());
      values.add(Long.toString(random.nextLong() >> random.nextInt(64)));
    }
    return values;
  }
}
