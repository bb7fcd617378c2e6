package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** operator.yaml joins the API's contract in memory: one router, the operator's own security. */
class OperatorContractTest {

  private static JsonObject merged() {
    return OperatorContract.mergeInto(ContractDocument.load(), ContractDocument.loadOperator());
  }

  @Test
  void operatorOperationsTakeTheOperatorTokenAndNoOtherOperationDoes() {
    JsonObject document = merged();
    PublicOperations security = new PublicOperations(document);
    assertTrue(security.isOperator("CreateNetworkEvents"));
    assertTrue(security.isOperator("CreateSimulatedCommand"));
    assertFalse(security.isPublic("CreateNetworkEvents"));
    assertFalse(security.isOperator("ListSim"));
    assertFalse(security.isOperator("CreateToken"));
  }

  @Test
  void aComponentBothFilesNameMustMeanTheSame() {
    JsonObject operator = ContractDocument.loadOperator();
    operator.getJsonObject("components").getJsonObject("schemas").getJsonObject("ErrorResponse")
        .put("required", new JsonArray().add("code"));
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> OperatorContract.mergeInto(ContractDocument.load(), operator));
    assertTrue(refused.getMessage().contains("ErrorResponse"), refused.getMessage());
  }

  @Test
  void aPathBothFilesDescribeIsRefused() {
    JsonObject operator = ContractDocument.loadOperator();
    operator.getJsonObject("paths").put("/v1/Sims", new JsonObject());
    assertThrows(IllegalStateException.class, () -> OperatorContract.mergeInto(ContractDocument.load(), operator));
  }

  @Test
  void theMergedContractResolves() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiRouter.LoadedContract loaded = ApiRouter.loadContract(vertx).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
      OpenAPIContract contract = loaded.contract();
      assertNotNull(contract.operation("CreateNetworkEvents"));
      assertNotNull(contract.operation("CreateSimulatedCommand"));
      assertNotNull(contract.operation("ListSim"));
      assertEquals(2_097_152, contract.operation("CreateNetworkEvents").getExtensions().get("x-max-body-bytes"));
    } finally {
      vertx.close();
    }
  }
}
