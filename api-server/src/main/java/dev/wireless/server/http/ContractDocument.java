package dev.wireless.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads wireless.yaml — the exact file the interfaces and the client were generated from, packaged
 * by the openapi module — as a JSON tree the Vert.x OpenAPI contract can be built from; likewise
 * operator.yaml, the contract of the operator's routes (network feed, device simulator).
 */
public final class ContractDocument {

  /** Classpath location of the contract. */
  public static final String RESOURCE = "openapi/wireless.yaml";
  /** Classpath location of the operator's contract. */
  public static final String OPERATOR_RESOURCE = "openapi/operator.yaml";

  private ContractDocument() {
  }

  /** The raw YAML text, as served to API consumers. */
  public static String text() {
    return text(RESOURCE);
  }

  /** The operator contract's raw YAML text, as served to the operator. */
  public static String operatorText() {
    return text(OPERATOR_RESOURCE);
  }

  private static String text(String resource) {
    try (InputStream in = ContractDocument.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The contract as JSON (YAML keys as strings, timestamps as ISO strings). */
  public static JsonObject load() {
    return parse(text());
  }

  /** The operator contract as JSON. */
  public static JsonObject loadOperator() {
    return parse(operatorText());
  }

  private static JsonObject parse(String yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return (JsonObject) toJson(tree);
  }

  private static Object toJson(Object node) {
    if (node instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((key, value) -> object.put(String.valueOf(key), toJson(value)));
      return object;
    }
    if (node instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (node instanceof Date date) {
      return date.toInstant().toString();
    }
    return node;
  }
}
