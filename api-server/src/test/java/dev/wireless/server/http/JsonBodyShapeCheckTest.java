package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed batch's shape check, compiled from the real contract as the router compiles it: it
 * accepts exactly what the full validator accepts, and leaves every other body to the validator.
 */
class JsonBodyShapeCheckTest {

  private static Vertx vertx;
  private static JsonObject document;
  private static JsonBodyShapeCheck batch;

  @BeforeAll
  static void compile() throws Exception {
    vertx = Vertx.vertx();
    ApiRouter.LoadedContract loaded = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    document = loaded.document();
    OpenAPIContract contract = loaded.contract();
    JsonSchema schema = contract.operation("CreateNetworkEvents").getRequestBody().getContent()
        .get("application/json").getSchema();
    JsonObject json = new JsonObject();
    schema.fieldNames().forEach(name -> json.put(name, (Object) schema.get(name)));
    batch = JsonBodyShapeCheck.of(json, document);
  }

  @AfterAll
  static void close() {
    vertx.close();
  }

  private static Object check(String body) {
    return batch.validate(Buffer.buffer(body));
  }

  @Test
  void theFeedBatchCompilesFromTheContract() {
    assertNotNull(batch);
  }

  @Test
  void batchesWithinTheContractAreAcceptedAsParsed() {
    assertEquals(new JsonArray().add(new JsonObject().put("type", "x")), check("[{\"type\": \"x\"}]"));
    assertEquals(new JsonObject().put("events", new JsonArray().add(7)), check("{\"events\": [7]}"));
    assertEquals(new JsonArray(), check("[]"));
    JsonArray full = new JsonArray();
    for (int i = 0; i < 1000; i++) {
      full.add(new JsonObject());
    }
    assertEquals(full, check(full.encode()));
  }

  @Test
  void everythingElseIsLeftToTheFullValidator() {
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(new JsonObject());
    }
    assertSame(JsonBodyShapeCheck.UNDECIDED, check(tooMany.encode()));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check(new JsonObject().put("events", tooMany).encode()));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check("{\"events\": 3}"));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check("{\"event\": []}"));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check("{not json"));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check("\"events\""));
    assertSame(JsonBodyShapeCheck.UNDECIDED, check(""));
  }

  @Test
  void aSchemaThatConstrainsMoreThanTheShapeHasNoShortcut() {
    assertNull(JsonBodyShapeCheck.of(new JsonObject().put("$ref", "#/components/schemas/SimulatedCommandRequest"),
        document));
    assertNull(JsonBodyShapeCheck.of(new JsonObject().put("type", "array").put("items",
        new JsonObject().put("type", "object")), document));
    assertNull(JsonBodyShapeCheck.of(new JsonObject().put("oneOf", new JsonArray()
        .add(new JsonObject().put("type", "array")).add(new JsonObject().put("type", "array").put("maxItems", 3))),
        document));
  }
}
