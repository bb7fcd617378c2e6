package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Form bodies become JSON typed by the real contract's schemas. */
class FormBodyAdapterTest {

  private final JsonObject contract = ContractDocument.load();
  private final FormBodyAdapter adapter = new FormBodyAdapter(contract);

  private JsonObject adapt(String operationId, String contentType, String body) {
    ValidatableRequest raw = new ContractRequest(Map.of(), Map.of(), Map.of(), Map.of(),
        new ParameterValue(Buffer.buffer(body)), contentType);
    ValidatableRequest adapted = adapter.adapt(raw, operation(operationId));
    assertEquals("application/json", adapted.getContentType());
    return adapted.getBody().isNull() ? null : new JsonObject(adapted.getBody().getBuffer(null));
  }

  private static Operation operation(String operationId) {
    return (Operation) Proxy.newProxyInstance(Operation.class.getClassLoader(), new Class<?>[] {Operation.class},
        (proxy, method, args) -> method.getName().equals("getOperationId") ? operationId : null);
  }

  @Test
  void theContractNoLongerDeclaresFormBodies() {
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        Object operation = paths.getJsonObject(path).getValue(method);
        if (operation instanceof JsonObject op && op.containsKey("requestBody")) {
          assertFalse(op.getJsonObject("requestBody").getJsonObject("content")
              .containsKey("application/x-www-form-urlencoded"), method + " " + path);
        }
      }
    }
    assertTrue(adapter.hasFormBody("CreateRatePlan"));
    assertFalse(adapter.hasFormBody("ListRatePlan"));
  }

  @Test
  void valuesAreTypedBySchemaNotByTheirLooks() {
    JsonObject json = adapt("CreateRatePlan", "application/x-www-form-urlencoded; charset=UTF-8",
        "FriendlyName=12345&UniqueName=true&DataLimit=250&DataEnabled=false&InternationalRoaming=data"
            + "&InternationalRoaming=messaging&FriendlyName=Tr%C3%A4cker+1");
    assertEquals("Träcker 1", json.getString("FriendlyName"), "the last of repeated scalar keys wins");
    assertEquals("true", json.getString("UniqueName"));
    assertEquals(250L, json.getLong("DataLimit"));
    assertEquals(Boolean.FALSE, json.getBoolean("DataEnabled"));
    assertEquals(new JsonArray().add("data").add("messaging"), json.getJsonArray("InternationalRoaming"));
  }

  @Test
  void undeclaredKeysAreDroppedAndUnparseableValuesStayStrings() {
    JsonObject json = adapt("CreateRatePlan", "application/x-www-form-urlencoded",
        "data_limit=5&Sid=WPx&DataLimit=lots&Unknown");
    assertEquals(new JsonObject().put("DataLimit", "lots"), json);
  }

  @Test
  void overlongValuesAreRefusedBeforeAnyFormatCheck() {
    ApiException error = assertThrows(ApiException.class, () -> adapt("CreateRatePlan",
        "application/x-www-form-urlencoded", "UsageNotificationUrl=https://example.com/" + "x".repeat(5000)));
    assertEquals(ErrorCode.INVALID_PARAMETER, error.code());
    assertTrue(error.getMessage().contains("UsageNotificationUrl"), error.getMessage());
  }

  @Test
  void anEmptyBodyHasNoBody() {
    assertNull(adapt("UpdateRatePlan", "application/x-www-form-urlencoded", ""));
  }

  @Test
  void anotherContentTypeIs415() {
    ApiException error = assertThrows(ApiException.class,
        () -> adapt("CreateRatePlan", "application/json", "{\"UniqueName\":\"x\"}"));
    assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, error.code());
  }

  @Test
  void brokenPercentEncodingIs33101() {
    ApiException error = assertThrows(ApiException.class,
        () -> adapt("CreateRatePlan", "application/x-www-form-urlencoded", "FriendlyName=%zz"));
    assertEquals(ErrorCode.INVALID_PARAMETER, error.code());
  }
}
