package dev.wireless.server.ingestion;

import dev.wireless.server.ops.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The per-event results of a batch and the batch summary the operator gets back; every outcome is
 * also counted in {@code wireless_ingestion_events_total{outcome=…}} so {@code /metrics} shows the
 * ingestion rate.
 */
final class IngestionResults {

  private static final Counter ACCEPTED = counter("accepted");
  private static final Counter DUPLICATE = counter("duplicate");
  private static final Counter REJECTED = counter("rejected");

  private IngestionResults() {
  }

  private static Counter counter(String outcome) {
    return Counter.builder("wireless.ingestion.events").description("Network events received, by outcome")
        .tag("outcome", outcome).register(Telemetry.registry());
  }

  static JsonObject result(int index, String eventId, String status) {
    return new JsonObject().put("index", index).put("event_id", eventId).put("status", status);
  }

  static JsonObject rejected(int index, String eventId, String message) {
    return result(index, eventId, "rejected").put("code", 33101).put("message", message);
  }

  /** A messaging event the Commands service refused: its code and cause. */
  static JsonObject refused(int index, String eventId, MessageEvents.Refusal refusal) {
    return result(index, eventId, "rejected").put("code", refusal.code().code()).put("message", refusal.message());
  }

  /** The batch answer, results in batch order; counts the outcomes. */
  static JsonObject summary(Map<Integer, JsonObject> results, JsonArray directives) {
    JsonArray list = new JsonArray();
    int[] counts = new int[3];
    results.values().forEach(r -> {
      list.add(r);
      counts[switch (r.getString("status")) { case "accepted" -> 0; case "duplicate" -> 1; default -> 2; }]++;
    });
    ACCEPTED.increment(counts[0]);
    DUPLICATE.increment(counts[1]);
    REJECTED.increment(counts[2]);
    return new JsonObject().put("accepted", counts[0]).put("duplicates", counts[1]).put("rejected", counts[2])
        .put("results", list).put("directives", directives);
  }
}
