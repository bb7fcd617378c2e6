package dev.wireless.server.ingestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.server.http.ContractDocument;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The feed's limits as operator.yaml states them are the ones the ingestion applies. */
class NetworkEventsContractTest {

  private static final JsonObject SCHEMAS = ContractDocument.loadOperator().getJsonObject("components")
      .getJsonObject("schemas");

  @Test
  void aBatchHoldsAsManyEventsAsTheContractSays() {
    assertEquals(IngestionService.MAX_BATCH, SCHEMAS.getJsonObject("NetworkEventList").getInteger("maxItems"));
  }

  @Test
  void theEventKindsOfTheContractAreTheOnesTheParsersRead() {
    assertEquals(java.util.Set.of(NetworkEvent.START, NetworkEvent.UPDATE, NetworkEvent.END),
        java.util.Set.copyOf(kinds("NetworkSessionEvent")));
    assertEquals(java.util.Set.of(MessageEventParser.SMS_MO), java.util.Set.copyOf(kinds("NetworkSmsMoEvent")));
    assertEquals(java.util.Set.of(MessageEventParser.SMS_RECEIPT),
        java.util.Set.copyOf(kinds("NetworkSmsReceiptEvent")));
  }

  private static java.util.List<Object> kinds(String schema) {
    return SCHEMAS.getJsonObject(schema).getJsonObject("properties").getJsonObject("type").getJsonArray("enum")
        .getList();
  }
}
