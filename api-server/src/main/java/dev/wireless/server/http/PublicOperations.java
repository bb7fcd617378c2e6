package dev.wireless.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads which operations the contract makes public ({@code security: []}) and which take the
 * operator's token ({@link OperatorContract#SCHEME}), and then removes the
 * {@code security} requirements from the in-memory contract: authentication is done by
 * {@link ContractRequestExtractor} with the platform's own {@link Authenticator}, which the Vert.x
 * router's scheme-based security chain cannot express (either of Bearer or Basic, one account).
 */
final class PublicOperations {

  private final Set<String> operationIds = new HashSet<>();
  private final Set<String> operatorOperationIds = new HashSet<>();

  /** Rewrites {@code contract} in place. */
  PublicOperations(JsonObject contract) {
    boolean globallyRequired = requires(contract.getJsonArray("security"));
    contract.remove("security");
    JsonObject paths = contract.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject operation && operation.containsKey("operationId")) {
          boolean required = operation.containsKey("security")
              ? requires(operation.getJsonArray("security")) : globallyRequired;
          if (names(operation.getJsonArray("security"), OperatorContract.SCHEME)) {
            operatorOperationIds.add(operation.getString("operationId"));
          }
          operation.remove("security");
          if (!required) {
            operationIds.add(operation.getString("operationId"));
          }
        }
      }
    }
  }

  boolean isPublic(String operationId) {
    return operationIds.contains(operationId);
  }

  /** Whether the operation takes the operator's token instead of an account's credentials. */
  boolean isOperator(String operationId) {
    return operatorOperationIds.contains(operationId);
  }

  private static boolean names(JsonArray requirements, String scheme) {
    if (requirements != null) {
      for (Object requirement : requirements) {
        if (requirement instanceof JsonObject object && object.containsKey(scheme)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean requires(JsonArray requirements) {
    if (requirements == null || requirements.isEmpty()) {
      return false;
    }
    for (Object requirement : requirements) {
      if (requirement instanceof JsonObject object && object.isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
