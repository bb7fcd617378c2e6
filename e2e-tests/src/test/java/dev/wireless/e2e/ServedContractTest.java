package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract as served ({@code /v1/openapi.json}) has what client generators and stateful
 * contract testers need: arrays in form bodies sent as repeated keys, enum types that survive
 * generation, the request and response headers the server uses, links from a create to what can be
 * done next, and the 400s of paging and of usage retention described.
 */
class ServedContractTest extends ContractCheck {

  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

  private JsonObject contract;

  @BeforeEach
  void load() {
    contract = json(new RawHttp(platform.baseUrl()).get("/v1/openapi.json", null), 200);
  }

  @Test
  void everyArrayFieldOfEveryFormBodyIsDeclaredAsRepeatedKeys() {
    int arrays = 0;
    for (Operation op : operations()) {
      JsonObject media = op.body().getJsonObject("requestBody", new JsonObject()).getJsonObject("content",
          new JsonObject()).getJsonObject("application/x-www-form-urlencoded");
      if (media == null) {
        continue;
      }
      JsonObject properties = resolve(media.getJsonObject("schema")).getJsonObject("properties", new JsonObject());
      for (String name : properties.fieldNames()) {
        if ("array".equals(resolve(properties.getJsonObject(name)).getValue("type"))) {
          arrays++;
          JsonObject encoding = media.getJsonObject("encoding", new JsonObject()).getJsonObject(name);
          assertNotNull(encoding, op.id() + " " + name + " has no encoding");
          assertEquals("form", encoding.getString("style"), op.id() + " " + name);
          assertEquals(Boolean.TRUE, encoding.getBoolean("explode"), op.id() + " " + name);
        }
      }
    }
    assertTrue(arrays >= 1, "CreateRatePlan's InternationalRoaming at least");
  }

  @Test
  void noReferenceHasSiblingsSoGeneratorsKeepTheReferencedTypes() {
    List<String> withSiblings = new ArrayList<>();
    findRefsWithSiblings(contract, "#", withSiblings);
    assertEquals(List.of(), withSiblings);
    JsonObject status = schema("UpdateSimRequest").getJsonObject("properties").getJsonObject("Status");
    assertEquals("#/components/schemas/SimStatus", status.getJsonArray("allOf").getJsonObject(0).getString("$ref"));
  }

  @Test
  void createCommandRequiresSim() {
    assertEquals(new JsonArray().add("Command").add("Sim"), schema("CreateCommandRequest").getJsonArray("required"));
  }

  @Test
  void idempotencyKeyIsARequestHeaderOfEveryAuthenticatedPost() {
    for (Operation op : operations()) {
      if (!op.method().equals("post") || isPublic(op)) {
        continue;
      }
      boolean declared = op.body().getJsonArray("parameters", new JsonArray()).stream()
          .map(p -> resolve((JsonObject) p))
          .anyMatch(p -> "Idempotency-Key".equals(p.getString("name")) && "header".equals(p.getString("in")));
      assertTrue(declared, op.id() + " does not declare Idempotency-Key");
    }
  }

  @Test
  void everySuccessDeclaresXRequestIdAndEveryPostSuccessIdempotentReplayed() {
    for (Operation op : operations()) {
      JsonObject responses = op.body().getJsonObject("responses");
      for (String status : responses.fieldNames()) {
        JsonObject headers = resolveResponse(responses.getJsonObject(status)).getJsonObject("headers", new JsonObject());
        assertTrue(headers.containsKey("X-Request-Id"), op.id() + " " + status + " has no X-Request-Id");
        boolean replayable = status.startsWith("2") && op.method().equals("post") && !isPublic(op);
        if (replayable) {
          assertTrue(headers.containsKey("Idempotent-Replayed"), op.id() + " " + status);
        }
      }
    }
  }

  /**
   * Public: callable without the API's authentication ({@code security: []}, or an empty
   * requirement among the alternatives, as the token endpoints that read client credentials).
   */
  private static boolean isPublic(Operation op) {
    JsonArray security = op.body().getJsonArray("security");
    return security != null && (security.isEmpty()
        || security.stream().anyMatch(requirement -> ((JsonObject) requirement).isEmpty()));
  }

  @Test
  void createsLinkToFetchUpdateAndDelete() {
    assertEquals(Set.of("FetchRatePlan", "UpdateRatePlan", "DeleteRatePlan"), links("/v1/RatePlans", "201"));
    assertEquals(Set.of("FetchCommand", "DeleteCommand"), links("/v1/Commands", "201"));
    JsonObject fetch = contract.getJsonObject("paths").getJsonObject("/v1/RatePlans").getJsonObject("post")
        .getJsonObject("responses").getJsonObject("201").getJsonObject("links").getJsonObject("FetchRatePlan");
    assertEquals(new JsonObject().put("Sid", "$response.body#/sid"), fetch.getJsonObject("parameters"));
  }

  @Test
  void thePageTokenAndRetention400sAreDocumented() {
    for (Operation op : operations()) {
      boolean paged = op.body().getJsonArray("parameters", new JsonArray()).stream()
          .anyMatch(p -> "#/components/parameters/PageToken".equals(((JsonObject) p).getString("$ref")));
      if (!paged) {
        continue;
      }
      String text = resolveResponse(op.body().getJsonObject("responses").getJsonObject("400")).getString("description");
      assertTrue(text.contains("PageToken") && text.contains("33103"), op.id() + ": " + text);
      if (op.id().contains("UsageRecord")) {
        assertTrue(text.contains("18 months"), op.id() + ": " + text);
      }
    }
  }

  @Test
  void theErrorSchemaDeclaresDetail() {
    JsonObject error = schema("ErrorResponse");
    assertTrue(error.getJsonArray("required").contains("detail"));
    assertEquals("string", error.getJsonObject("properties").getJsonObject("detail").getString("type"));
  }

  private record Operation(String path, String method, String id, JsonObject body) {
  }

  private List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (METHODS.contains(method)) {
          JsonObject op = item.getJsonObject(method);
          all.add(new Operation(path, method, op.getString("operationId"), op));
        }
      }
    }
    return all;
  }

  private Set<String> links(String path, String status) {
    return contract.getJsonObject("paths").getJsonObject(path).getJsonObject("post").getJsonObject("responses")
        .getJsonObject(status).getJsonObject("links").fieldNames();
  }

  private JsonObject schema(String name) {
    return contract.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
  }

  private JsonObject resolveResponse(JsonObject response) {
    return resolve(response);
  }

  private JsonObject resolve(JsonObject node) {
    JsonObject current = node;
    while (current != null && current.containsKey("$ref")) {
      JsonObject target = contract;
      for (String part : current.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      current = target;
    }
    return current;
  }

  private static void findRefsWithSiblings(Object node, String at, List<String> found) {
    if (node instanceof JsonObject object) {
      if (object.containsKey("$ref") && object.size() > 1) {
        found.add(at + " " + object.fieldNames());
      }
      for (String key : object.fieldNames()) {
        findRefsWithSiblings(object.getValue(key), at + "/" + key, found);
      }
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        findRefsWithSiblings(array.getValue(i), at + "/" + i, found);
      }
    }
  }
}
