package dev.wireless.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A precompiled "this JSON body is valid" check for request bodies whose schema constrains only
 * their shape: an array with item-count bounds and unconstrained items, an object with required
 * properties that are such arrays, or a {@code oneOf} of alternatives of different JSON types — the
 * network feed's batch ({@code {"events": [...]}} or the bare array). Vert.x OpenAPI validates a
 * body with the general JSON-schema validator, which visits every element of a 999-event batch and
 * builds output units for each: that cut the feed's rate to a quarter. Like
 * {@link SimpleParameterCheck} this is only a shortcut: it answers {@link #UNDECIDED} for anything
 * it is not certain of, and the full validator then decides and words the error, so a body is
 * accepted here only when the full validator would accept it too, with the same parsed value.
 */
final class JsonBodyShapeCheck {

  /** The full validator has to decide. */
  static final Object UNDECIDED = new Object();

  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "example", "examples",
      "deprecated", "$comment");

  /** One compiled schema: whether a parsed JSON value certainly matches it. */
  private interface Shape {
    boolean matches(Object value);

    /** The JSON type it takes ({@code JsonArray} or {@code JsonObject}), to keep {@code oneOf} exclusive. */
    Class<?> type();
  }

  private final Shape shape;

  private JsonBodyShapeCheck(Shape shape) {
    this.shape = shape;
  }

  /** The check for a body with {@code schema}, or null when the schema is not only a shape. */
  static JsonBodyShapeCheck of(JsonObject schema, JsonObject document) {
    Shape shape = compile(schema, document, 0);
    return shape == null ? null : new JsonBodyShapeCheck(shape);
  }

  /** The parsed body when it is certainly valid, else {@link #UNDECIDED}. */
  Object validate(Buffer body) {
    if (body == null || body.length() == 0) {
      return UNDECIDED;
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      return UNDECIDED;
    }
    return shape.matches(parsed) ? parsed : UNDECIDED;
  }

  private static Shape compile(JsonObject raw, JsonObject document, int depth) {
    JsonObject schema = resolve(raw, document);
    if (schema == null || depth > 8) {
      return null;
    }
    if (schema.containsKey("oneOf")) {
      return keywordsOnly(schema, Set.of("oneOf")) ? oneOf(schema.getValue("oneOf"), document, depth) : null;
    }
    Object type = schema.getValue("type");
    if ("array".equals(type) && keywordsOnly(schema, Set.of("type", "minItems", "maxItems", "items"))) {
      return array(schema);
    }
    if ("object".equals(type) && keywordsOnly(schema, Set.of("type", "required", "properties"))) {
      return object(schema, document, depth);
    }
    return null;
  }

  private static Shape oneOf(Object alternatives, JsonObject document, int depth) {
    if (!(alternatives instanceof JsonArray list) || list.isEmpty()) {
      return null;
    }
    List<Shape> shapes = new ArrayList<>();
    for (Object alternative : list) {
      Shape shape = alternative instanceof JsonObject schema ? compile(schema, document, depth + 1) : null;
      if (shape == null || shapes.stream().anyMatch(s -> s.type() == shape.type())) {
        return null; // two alternatives of one type could both match: not exclusive by type
      }
      shapes.add(shape);
    }
    return new Shape() {
      @Override
      public boolean matches(Object value) {
        for (Shape shape : shapes) {
          if (shape.type().isInstance(value)) {
            return shape.matches(value);
          }
        }
        return false;
      }

      @Override
      public Class<?> type() {
        return Object.class;
      }
    };
  }

  private static Shape array(JsonObject schema) {
    Object items = schema.getValue("items");
    if (items != null && !(items instanceof JsonObject object && keywordsOnly(object, Set.of()))) {
      return null;
    }
    if (!(schema.getValue("minItems", 0) instanceof Integer min)
        || !(schema.getValue("maxItems", Integer.MAX_VALUE) instanceof Integer max)) {
      return null;
    }
    return new Shape() {
      @Override
      public boolean matches(Object value) {
        return value instanceof JsonArray array && array.size() >= min && array.size() <= max;
      }

      @Override
      public Class<?> type() {
        return JsonArray.class;
      }
    };
  }

  private static Shape object(JsonObject schema, JsonObject document, int depth) {
    Map<String, Shape> properties = new LinkedHashMap<>();
    JsonObject declared = schema.getJsonObject("properties", new JsonObject());
    for (String name : declared.fieldNames()) {
      Shape property = declared.getValue(name) instanceof JsonObject p ? compile(p, document, depth + 1) : null;
      if (property == null) {
        return null;
      }
      properties.put(name, property);
    }
    List<String> required = new ArrayList<>();
    if (schema.getValue("required") instanceof JsonArray names) {
      for (Object name : names) {
        if (!(name instanceof String text)) {
          return null;
        }
        required.add(text);
      }
    } else if (schema.containsKey("required")) {
      return null;
    }
    return new Shape() {
      @Override
      public boolean matches(Object value) {
        if (!(value instanceof JsonObject object)) {
          return false;
        }
        for (String name : required) {
          if (!object.containsKey(name)) {
            return false;
          }
        }
        for (Map.Entry<String, Shape> property : properties.entrySet()) {
          if (object.containsKey(property.getKey()) && !property.getValue().matches(object.getValue(property.getKey()))) {
            return false;
          }
        }
        return true;
      }

      @Override
      public Class<?> type() {
        return JsonObject.class;
      }
    };
  }

  /** Only {@code allowed} keywords besides annotations (and the schema repository's own "__" ones). */
  private static boolean keywordsOnly(JsonObject schema, Set<String> allowed) {
    for (String keyword : schema.fieldNames()) {
      if (!allowed.contains(keyword) && !ANNOTATIONS.contains(keyword) && !keyword.startsWith("__")) {
        return false;
      }
    }
    return true;
  }

  /** Follows local {@code $ref}s (a {@code $ref} with siblings is not a plain shape). */
  private static JsonObject resolve(JsonObject schema, JsonObject document) {
    JsonObject current = schema;
    for (int hops = 0; current != null && current.containsKey("$ref"); hops++) {
      if (hops > 8 || !keywordsOnly(current, Set.of("$ref")) || !(current.getValue("$ref") instanceof String ref)
          || !ref.startsWith("#/")) {
        return null;
      }
      Object node = document;
      for (String part : ref.substring(2).split("/")) {
        node = node instanceof JsonObject object ? object.getValue(part.replace("~1", "/").replace("~0", "~")) : null;
      }
      current = node instanceof JsonObject target ? target : null;
    }
    return current;
  }
}
