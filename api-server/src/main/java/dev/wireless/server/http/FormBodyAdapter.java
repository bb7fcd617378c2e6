package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ValidatableRequest;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets the Vert.x 5.0 validator check {@code application/x-www-form-urlencoded} bodies, which it
 * does not support: the in-memory contract declares those bodies as JSON, and each incoming form
 * is turned into JSON using the property types the schema declares (so {@code FriendlyName=123}
 * stays a string while {@code DataLimit=123} becomes a number). Repeated keys become arrays for
 * array properties; for others the last value wins. Keys the schema does not declare are dropped,
 * so an unknown parameter can never be applied. Values that do not parse stay strings and the
 * schema validation reports them.
 */
final class FormBodyAdapter {

  static final String FORM = "application/x-www-form-urlencoded";

  private final JsonObject contract;
  private final Map<String, JsonObject> formSchemas = new HashMap<>();
  /** Operations that take the same body as a form or as JSON (the device simulator). */
  private final java.util.Set<String> jsonToo = new java.util.HashSet<>();

  /** Rewrites {@code contract} in place. */
  FormBodyAdapter(JsonObject contract) {
    this.contract = contract;
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("requestBody")) {
          moveFormToJson(operation);
        }
      }
    }
  }

  private void moveFormToJson(JsonObject operation) {
    JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
    if (content == null || !content.containsKey(FORM)) {
      return;
    }
    if (content.containsKey("application/json")) {
      jsonToo.add(operation.getString("operationId"));
    }
    JsonObject media = (JsonObject) content.remove(FORM);
    media.remove("encoding"); // how arrays are serialised in a form (repeated keys); no meaning for JSON
    content.put("application/json", media);
    formSchemas.put(operation.getString("operationId"), resolve(media.getJsonObject("schema")));
  }

  JsonObject contract() {
    return contract;
  }

  boolean hasFormBody(String operationId) {
    return formSchemas.containsKey(operationId);
  }

  /** Replaces the raw form body of {@code request} with its typed JSON form. */
  ValidatableRequest adapt(ValidatableRequest request, Operation operation) {
    JsonObject schema = formSchemas.get(operation.getOperationId());
    Buffer raw = request.getBody() == null || request.getBody().isNull() ? null : request.getBody().getBuffer(null);
    if (raw == null || raw.length() == 0) {
      return new ContractRequest(request.getCookies(), request.getHeaders(), request.getPathParameters(),
          request.getQuery(), null, "application/json");
    }
    String contentType = request.getContentType();
    if (contentType != null && jsonToo.contains(operation.getOperationId())
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return request; // validated as the JSON it is
    }
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      throw ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "The request body must be " + FORM + " (got " + (contentType == null ? "no Content-Type" : contentType) + ")");
    }
    JsonObject json = toJson(parse(raw.toString(StandardCharsets.UTF_8)), schema);
    return new ContractRequest(request.getCookies(), request.getHeaders(), request.getPathParameters(),
        request.getQuery(), new ParameterValue(json.toBuffer()), "application/json");
  }

  private static Map<String, List<String>> parse(String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      form.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return form;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("The form body is not valid URL encoding");
    }
  }

  private JsonObject toJson(Map<String, List<String>> form, JsonObject schema) {
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonObject json = new JsonObject();
    form.forEach((name, values) -> {
      JsonObject property = resolve(properties.getJsonObject(name));
      if (property == null) {
        return;
      }
      if ("array".equals(typeOf(property))) {
        JsonObject items = resolve(property.getJsonObject("items"));
        JsonArray array = new JsonArray();
        values.forEach(v -> array.add(coerce(checkLength(name, v, items), typeOf(items))));
        json.put(name, array);
      } else {
        json.put(name, coerce(checkLength(name, values.get(values.size() - 1), property), typeOf(property)));
      }
    });
    return json;
  }

  /**
   * Refuses a value longer than the schema's {@code maxLength} before any format check sees it:
   * the validator's {@code uri} pattern recurses per character and overflows the stack on a few
   * thousand characters.
   */
  private static String checkLength(String name, String value, JsonObject schema) {
    Integer maxLength = schema == null ? null : schema.getInteger("maxLength");
    if (maxLength != null && value.length() > maxLength) {
      throw ApiException.invalid("Invalid value for " + name + ": longer than " + maxLength + " characters");
    }
    return value;
  }

  private static String typeOf(JsonObject schema) {
    if (schema == null) {
      return "string";
    }
    Object type = schema.getValue("type");
    if (type instanceof JsonArray types) {
      return types.stream().map(String::valueOf).filter(t -> !"null".equals(t)).findFirst().orElse("string");
    }
    return type == null ? "string" : type.toString();
  }

  private static Object coerce(String value, String type) {
    try {
      return switch (type) {
        case "integer" -> Long.parseLong(value);
        case "number" -> new BigDecimal(value);
        case "boolean" -> "true".equalsIgnoreCase(value) ? Boolean.TRUE
            : "false".equalsIgnoreCase(value) ? Boolean.FALSE : value;
        default -> value;
      };
    } catch (NumberFormatException e) {
      return value;
    }
  }

  private JsonObject resolve(JsonObject schema) {
    JsonObject current = schema;
    while (current != null && current.containsKey("$ref")) {
      JsonObject target = contract;
      for (String part : current.getString("$ref").substring(2).split("/")) {
        target = target.getJsonObject(part);
      }
      current = target;
    }
    return current;
  }
}
