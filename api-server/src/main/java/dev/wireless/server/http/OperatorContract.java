package dev.wireless.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Adds operator.yaml to the API's contract in memory, so that one router binds the operator's
 * routes by operationId, authenticates and validates them like the API's, and every error leaves
 * through the one {@link ErrorMapper}. The files stay apart on disk and on the wire: API clients are
 * generated from wireless.yaml, and the operator's routes are not theirs.
 *
 * <p>Each operator operation gets the operator file's global {@code security} (in the merged
 * document the API's global requirement would apply instead); components keep their names, and a
 * name both files use must mean the same in both — {@code ErrorResponse} is the one error body of
 * both — or the server does not start.
 */
final class OperatorContract {

  /** The security scheme of operator.yaml: the operator's Bearer token. */
  static final String SCHEME = "operatorToken";

  private OperatorContract() {
  }

  /** Adds {@code operator}'s paths and components to {@code api} (in place) and returns it. */
  static JsonObject mergeInto(JsonObject api, JsonObject operator) {
    JsonArray security = operator.getJsonArray("security", new JsonArray());
    JsonObject paths = api.getJsonObject("paths");
    JsonObject operatorPaths = operator.getJsonObject("paths", new JsonObject());
    for (String path : operatorPaths.fieldNames()) {
      if (paths.containsKey(path)) {
        throw new IllegalStateException("operator.yaml and wireless.yaml both describe " + path);
      }
      JsonObject item = operatorPaths.getJsonObject(path).copy();
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && !operation.containsKey("security")) {
          operation.put("security", security.copy());
        }
      }
      paths.put(path, item);
    }
    JsonObject components = api.getJsonObject("components");
    JsonObject operatorComponents = operator.getJsonObject("components", new JsonObject());
    for (String section : operatorComponents.fieldNames()) {
      JsonObject into = components.getJsonObject(section);
      if (into == null) {
        into = new JsonObject();
        components.put(section, into);
      }
      JsonObject from = operatorComponents.getJsonObject(section);
      for (String name : from.fieldNames()) {
        Object existing = into.getValue(name);
        if (existing != null && !existing.equals(from.getValue(name))) {
          throw new IllegalStateException("components/" + section + "/" + name
              + " differs between operator.yaml and wireless.yaml");
        }
        into.put(name, from.getValue(name));
      }
    }
    return api;
  }
}
