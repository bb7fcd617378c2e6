package dev.wireless.server.http;

import dev.wireless.callbacks.delivery.AddressPolicy;
import dev.wireless.callbacks.delivery.CallbackUrls;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a URL the platform would call back, where the client gives it: every request-body
 * property the contract declares {@code format: uri} ({@code CallbackUrl}, {@code CommandsCallbackUrl},
 * {@code SmsUrl}, {@code UsageNotificationUrl}…) must be an http(s) URL whose host is not a literal
 * address the callback dispatcher's {@link AddressPolicy} refuses (with the same allow-list,
 * {@code WIRELESS_CALLBACK_ALLOWLIST}). The answer is 400 with code 21502 and a message naming the
 * parameter. Host names are not resolved here; the dispatcher checks where they point at every send.
 */
final class CallbackUrlGuard {

  private final AddressPolicy policy;
  private final Map<String, List<String>> urlProperties = new HashMap<>();

  /** @param document the contract as validated (form bodies declared as JSON) */
  CallbackUrlGuard(JsonObject document, AddressPolicy policy) {
    this.policy = policy;
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      if (!(paths.getValue(path) instanceof JsonObject item)) {
        continue; // the schema repository's own annotations
      }
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("operationId")) {
          List<String> names = uriProperties(document, operation);
          if (!names.isEmpty()) {
            urlProperties.put(operation.getString("operationId"), names);
          }
        }
      }
    }
  }

  /** The URL parameters of {@code operationId}'s body (empty when it has none). */
  List<String> urlParameters(String operationId) {
    return urlProperties.getOrDefault(operationId, List.of());
  }

  /** Throws the 21502 refusal for the first URL parameter of the validated body that may not be called. */
  void check(String operationId, ValidatedRequest request) {
    List<String> names = urlProperties.get(operationId);
    RequestParameter body = request.getBody();
    if (names == null || body == null || body.isNull() || !(body.get() instanceof JsonObject form)) {
      return;
    }
    for (String name : names) {
      if (form.getValue(name) instanceof String url) {
        Optional<String> refusal = CallbackUrls.refusal(url, policy);
        if (refusal.isPresent()) {
          throw ApiException.of(ErrorCode.INVALID_CALLBACK_URL, name + ": " + refusal.get());
        }
      }
    }
  }

  private static List<String> uriProperties(JsonObject document, JsonObject operation) {
    JsonObject schema = resolve(document, child(child(child(child(operation, "requestBody"), "content"),
        "application/json"), "schema"));
    List<String> names = new ArrayList<>();
    if (schema == null) {
      return names;
    }
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      JsonObject property = properties.getValue(name) instanceof JsonObject p ? resolve(document, p) : null;
      if (property != null && "uri".equals(property.getValue("format"))) {
        names.add(name);
      }
    }
    return names;
  }

  private static JsonObject resolve(JsonObject document, JsonObject schema) {
    JsonObject current = schema;
    while (current != null && current.getValue("$ref") instanceof String ref && ref.startsWith("#/")) {
      JsonObject target = document;
      for (String part : ref.substring(2).split("/")) {
        target = child(target, part);
      }
      current = target;
    }
    return current;
  }

  private static JsonObject child(JsonObject parent, String name) {
    return parent != null && parent.getValue(name) instanceof JsonObject object ? object : null;
  }
}
