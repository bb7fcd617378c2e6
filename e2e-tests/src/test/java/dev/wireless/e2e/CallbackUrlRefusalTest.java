package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every URL the platform would call back is refused where the client gives it when its host is a
 * literal loopback, private, link-local or metadata address (in any notation the resolver reads),
 * with 400, code 21502 and the parameter's name. The shared platform allow-lists 127.0.0.0/8 for its
 * callback receivers, and the same allow-list applies here; without one, loopback is refused too
 * ({@code PlainHttpSecurityTest}).
 */
class CallbackUrlRefusalTest extends ContractCheck {

  static final List<String> REFUSED = List.of(
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://10.0.0.1",
      "http://0.0.0.0",
      "https://192.168.1.20:8443/hook",
      "http://172.16.0.1/",
      "http://100.64.0.1/",
      "http://[fe80::1]/",
      "http://[fd00::1]/",
      "http://[::ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/",
      "http://2852039166/latest/meta-data",
      "http://0xa9fea9fe/",
      "http://0251.0376.0251.0376/",
      "http://169.254.169.254./");

  private RawHttp http;
  private NewCredentials account;
  private String auth;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
    auth = bearer(account.authToken());
  }

  @Test
  void everyUrlParameterOfEveryOperationRefusesPrivateAddresses() {
    platform.importSims(account.accountSid(), "hooked", 1);
    Map<String, String> paths = Map.of("UpdateSim", "/v1/Sims/hooked-0", "CreateRatePlan", "/v1/RatePlans",
        "CreateCommand", "/v1/Commands");
    Map<String, List<String>> parameters = urlParametersInTheContract();
    assertEquals(new TreeSet<>(paths.keySet()), new TreeSet<>(parameters.keySet()), "operations taking URLs");
    assertEquals(List.of("CallbackUrl", "CommandsCallbackUrl", "SmsFallbackUrl", "SmsUrl", "VoiceFallbackUrl",
        "VoiceUrl"), parameters.get("UpdateSim").stream().sorted().toList());

    int refusals = 0;
    for (Map.Entry<String, List<String>> operation : parameters.entrySet()) {
      String path = paths.get(operation.getKey());
      for (String parameter : operation.getValue()) {
        for (String url : REFUSED) {
          HttpResponse<String> response = http.postForm(path, auth, withSim(operation.getKey(), parameter, url));
          JsonObject error = assertError(response, 400, 21502);
          assertTrue(error.getString("message").startsWith(parameter + ": "), error.getString("message"));
          refusals++;
        }
      }
    }
    assertEquals(8 * REFUSED.size(), refusals);
    assertEquals(0, new JsonObject(http.get("/v1/RatePlans", auth).body()).getJsonArray("rate_plans").size());
  }

  @Test
  void theMessageSaysWhatTheAddressIs() {
    JsonObject error = assertError(http.postForm("/v1/RatePlans", auth, "UsageNotificationUrl",
        "http://169.254.169.254/latest/meta-data"), 400, 21502);
    assertEquals("UsageNotificationUrl: Callback address 169.254.169.254 is the cloud instance metadata address; "
        + "it is refused because it is not in the callback allow-list.", error.getString("message"));
    assertError(http.postForm("/v1/RatePlans", auth, "UsageNotificationUrl", "ftp://example.com/usage"), 400, 21502);
  }

  @Test
  void publicAddressesNamesAndTheAllowListAreAccepted() {
    for (String url : new String[] {"https://example.com/usage", "http://93.184.215.14/usage",
        "http://metadata.internal.example/usage", "http://127.0.0.1:8080/usage"}) {
      HttpResponse<String> response = http.postForm("/v1/RatePlans", auth, "UsageNotificationUrl", url);
      assertEquals(201, response.statusCode(), url + " -> " + response.body());
    }
  }

  /** The operations' request-body properties declared {@code format: uri} in the served contract. */
  private Map<String, List<String>> urlParametersInTheContract() {
    JsonObject contract = new JsonObject(http.get("/v1/openapi.json", null).body());
    JsonObject schemas = contract.getJsonObject("components").getJsonObject("schemas");
    Map<String, List<String>> found = new TreeMap<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (Object value : paths.getJsonObject(path).getMap().values()) {
        if (!(value instanceof Map<?, ?>)) {
          continue;
        }
        JsonObject operation = new JsonObject(castMap(value));
        JsonObject body = operation.getJsonObject("requestBody");
        if (body == null) {
          continue;
        }
        for (String type : body.getJsonObject("content").fieldNames()) {
          String ref = body.getJsonObject("content").getJsonObject(type).getJsonObject("schema").getString("$ref");
          JsonObject properties = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1))
              .getJsonObject("properties");
          List<String> names = new ArrayList<>();
          for (String name : properties.fieldNames()) {
            if ("uri".equals(properties.getJsonObject(name).getString("format"))) {
              names.add(name);
            }
          }
          if (!names.isEmpty()) {
            found.put(operation.getString("operationId"), names);
          }
        }
      }
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }

  private static String[] withSim(String operationId, String parameter, String url) {
    return operationId.equals("CreateCommand") ? new String[] {"Sim", "hooked-0", "Command", "hi", parameter, url}
        : new String[] {parameter, url};
  }
}
