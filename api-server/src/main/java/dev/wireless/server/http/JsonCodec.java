package dev.wireless.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import java.util.List;
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
      .registerModule(accessibleGetters())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

  private JsonCodec() {
  }

  /**
   * Blackbird leaves properties with a serializer of their own (dates, enums with a wire value) to
   * Jackson's reflective call, and for a public getter Jackson does not switch off the access
   * check, which then runs on every call; this marks those getters accessible once.
   */
  private static SimpleModule accessibleGetters() {
    SimpleModule module = new SimpleModule("accessible-getters");
    module.setSerializerModifier(new BeanSerializerModifier() {
      @Override
      public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription description,
                                                       List<BeanPropertyWriter> properties) {
        for (BeanPropertyWriter property : properties) {
          if (property.getMember() != null) {
            property.getMember().fixAccess(true);
          }
        }
        return properties;
      }
    });
    return module;
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serializes an API model, or a JSON tree built as one (a batch answer of the network feed). */
  public static Buffer encode(Object model) {
    if (model instanceof io.vertx.core.json.JsonObject json) {
      return json.toBuffer();
    }
    try {
      return Buffer.buffer(MAPPER.writeValueAsBytes(model));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + model.getClass().getSimpleName(), e);
    }
  }
}
