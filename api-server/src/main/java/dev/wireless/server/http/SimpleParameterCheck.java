package dev.wireless.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A precompiled "this value is valid" check for the contract's simple parameters: a string with
 * length bounds, a pattern or an enum, a date-time, or an integer with bounds. Vert.x OpenAPI validates every
 * parameter with the general JSON-schema validator, which compiles the schema's pattern again and
 * builds a tree of output units for each value; for a fetch by SID that was the largest single
 * cost of the request, and a date-time was first tried (and failed, with an exception) as JSON. The check is only a shortcut: it answers {@link #UNDECIDED} for anything it
 * is not certain about (an unusual value or keyword, a failing value), and the full validator then
 * decides and words the error, so a value is accepted here only when the full validator would
 * accept it too, and it gets the same converted value.
 */
final class SimpleParameterCheck {

  /** The full validator has to decide. */
  static final Object UNDECIDED = new Object();

  private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "example", "examples",
      "deprecated", "$comment");
  private static final Set<String> STRING_KEYWORDS = Set.of("type", "minLength", "maxLength", "pattern", "enum",
      "format");
  /** A date-time cannot decode as JSON (four digits and a dash are a number and a trailing token). */
  private static final Pattern DATE_START = Pattern.compile("[0-9]{4}-");
  private static final Set<String> INTEGER_KEYWORDS = Set.of("type", "minimum", "maximum", "exclusiveMinimum",
      "exclusiveMaximum", "format");
  /** Plain decimal integers that Vert.x OpenAPI decodes to an Integer or a Long. */
  private static final Pattern INTEGER = Pattern.compile("0|-?[1-9][0-9]{0,17}");

  private final boolean integer;
  private final Integer minLength;
  private final Integer maxLength;
  private final Pattern pattern;
  private final List<Object> allowed;
  private final Number minimum;
  private final Number maximum;
  private final Number exclusiveMinimum;
  private final Number exclusiveMaximum;
  private final boolean int32;
  private final boolean dateTime;

  private SimpleParameterCheck(JsonObject schema, boolean integer) {
    this.integer = integer;
    this.minLength = schema.getInteger("minLength");
    this.maxLength = schema.getInteger("maxLength");
    this.pattern = schema.containsKey("pattern") ? Pattern.compile(schema.getString("pattern")) : null;
    this.allowed = schema.containsKey("enum") ? schema.getJsonArray("enum").getList() : null;
    this.minimum = (Number) schema.getValue("minimum");
    this.maximum = (Number) schema.getValue("maximum");
    this.exclusiveMinimum = (Number) schema.getValue("exclusiveMinimum");
    this.exclusiveMaximum = (Number) schema.getValue("exclusiveMaximum");
    this.int32 = "int32".equals(schema.getString("format"));
    this.dateTime = "date-time".equals(schema.getString("format"));
  }

  /** The check for {@code parameter}, or null when its schema is not one of the simple kinds. */
  static SimpleParameterCheck of(Parameter parameter, JsonObject document) {
    if (parameter.getStyle() != Style.SIMPLE && parameter.getStyle() != Style.FORM) {
      return null;
    }
    JsonObject schema = resolve(schemaJson(parameter.getSchema()), document);
    if (schema == null || !(schema.getValue("type") instanceof String type)) {
      return null;
    }
    Set<String> keywords = switch (type) {
      case "string" -> STRING_KEYWORDS;
      case "integer" -> INTEGER_KEYWORDS;
      default -> null;
    };
    if (keywords == null) {
      return null;
    }
    for (String keyword : schema.fieldNames()) {
      if (!keywords.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        return null;
      }
    }
    Object format = schema.getValue("format");
    if (format != null && !(type.equals("integer") && ("int32".equals(format) || "int64".equals(format)))
        && !(type.equals("string") && "date-time".equals(format) && schema.size() == 2)) {
      return null; // a date-time with further constraints is left to the full validator
    }
    for (String bound : List.of("minLength", "maxLength")) {
      if (schema.containsKey(bound) && !(schema.getValue(bound) instanceof Integer)) {
        return null;
      }
    }
    for (String bound : List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")) {
      if (schema.containsKey(bound) && !(schema.getValue(bound) instanceof Integer
          || schema.getValue(bound) instanceof Long)) {
        return null;
      }
    }
    if (schema.containsKey("enum") && !(schema.getValue("enum") instanceof JsonArray)) {
      return null;
    }
    return new SimpleParameterCheck(schema, type.equals("integer"));
  }

  /** The value as validation converts it when {@code raw} is certainly valid, else {@link #UNDECIDED}. */
  Object validate(String raw) {
    return integer ? validateInteger(raw) : validateString(raw);
  }

  private Object validateString(String raw) {
    if (dateTime) {
      // the full validator's own format check, so both agree on every value
      return DATE_START.matcher(raw).lookingAt() && plainJsonStringContent(raw)
          && VertxInternals.isDateTime(raw) ? raw : UNDECIDED;
    }
    if (!decodesToItself(raw)) {
      return UNDECIDED;
    }
    if (minLength != null || maxLength != null) {
      int length = raw.codePointCount(0, raw.length());
      if (minLength != null && length < minLength || maxLength != null && length > maxLength) {
        return UNDECIDED;
      }
    }
    if (pattern != null && !pattern.matcher(raw).find()) {
      return UNDECIDED;
    }
    if (allowed != null && !allowed.contains(raw)) {
      return UNDECIDED;
    }
    return raw;
  }

  private Object validateInteger(String raw) {
    if (raw.length() > 19 || !INTEGER.matcher(raw).matches()) {
      return UNDECIDED;
    }
    long value = Long.parseLong(raw);
    boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    if (int32 && !fitsInt
        || minimum != null && value < minimum.longValue() || maximum != null && value > maximum.longValue()
        || exclusiveMinimum != null && value <= exclusiveMinimum.longValue()
        || exclusiveMaximum != null && value >= exclusiveMaximum.longValue()
        || allowed != null) {
      return UNDECIDED;
    }
    return fitsInt ? (Object) (int) value : (Object) value;
  }

  /**
   * Whether Vert.x OpenAPI keeps {@code raw} as the string itself: it does so for word characters
   * only, and otherwise decodes it as JSON first (so {@code -5} would become a number) and then as
   * the content of a JSON string. A value starting with a letter that cannot begin a JSON literal,
   * with nothing a JSON string would unescape, comes out as itself.
   */
  private static boolean decodesToItself(String raw) {
    if (raw.isEmpty() || !plainJsonStringContent(raw)) {
      return false;
    }
    char first = raw.charAt(0);
    boolean startsPlain = first == '_' || (first >= 'A' && first <= 'Z')
        || (first >= 'a' && first <= 'z' && first != 't' && first != 'f' && first != 'n');
    if (startsPlain) {
      return true;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (!(c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  /** Nothing a JSON string would unescape, or refuse. */
  private static boolean plainJsonStringContent(String raw) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject schemaJson(JsonSchema schema) {
    JsonObject json = new JsonObject();
    for (String name : schema.fieldNames()) {
      if (!name.startsWith("__")) { // the schema repository's own annotations (its URIs)
        json.put(name, (Object) schema.get(name));
      }
    }
    return json;
  }

  /** Follows a local {@code $ref} (one level, as the contract's parameter schemas use). */
  private static JsonObject resolve(JsonObject schema, JsonObject document) {
    if (!schema.containsKey("$ref")) {
      return schema;
    }
    if (schema.size() != 1 || !(schema.getValue("$ref") instanceof String ref) || !ref.startsWith("#/")) {
      return null;
    }
    Object node = document;
    for (String part : ref.substring(2).split("/")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(part.replace("~1", "/").replace("~0", "~"));
    }
    return node instanceof JsonObject target && !target.containsKey("$ref") ? target : null;
  }
}
