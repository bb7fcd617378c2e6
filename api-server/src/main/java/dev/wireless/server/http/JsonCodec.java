package dev.wireless.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.vertx.core.buffer.Buffer;

/**
 * The platform's one JSON mapper for API models: java.time as ISO-8601 strings (never epoch
 * numbers), unknown properties tolerated when reading. Built once; thread-safe.
 */
public final class JsonCodec {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      // property access through generated lambdas instead of reflection on every getter call
      .registerModule(new BlackbirdModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private JsonCodec() {
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serializes an API model. */
  public static Buffer encode(Object model) {
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + model.getClass().getSimpleName(), e);
    }
  }
}
