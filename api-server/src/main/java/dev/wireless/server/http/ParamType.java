package dev.wireless.server.http;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.errors.ApiException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Converts a value the contract validator already accepted (a JSON string, number, boolean or
 * array) into the Java type the generated interface declares — an enum, {@code URI},
 * {@code OffsetDateTime} (read by {@link Timestamps#parse}), {@code Integer}, {@code List<…>}. Used by the generated binders.
 */
public final class ParamType {

  private ParamType() {
  }

  /** The Jackson type for a generated parameter's declared type; computed once per parameter. */
  public static JavaType of(TypeReference<?> declared) {
    return JsonCodec.mapper().getTypeFactory().constructType(declared);
  }

  static Object convert(String name, Object value, JavaType type) {
    if (value == null) {
      return null;
    }
    if (!type.isContainerType() && (type.getRawClass() == value.getClass() || type.getRawClass() == Object.class)) {
      return value;
    }
    if (type.getRawClass() == OffsetDateTime.class && value instanceof String text) {
      try {
        return Timestamps.parse(text);
      } catch (DateTimeParseException e) {
        throw ApiException.invalid("Invalid value for " + name + ": not a date-time");
      }
    }
    Object plain = value instanceof JsonArray array ? array.getList()
        : value instanceof JsonObject object ? object.getMap() : value;
    try {
      return JsonCodec.mapper().convertValue(plain, type);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid value for " + name);
    }
  }
}
