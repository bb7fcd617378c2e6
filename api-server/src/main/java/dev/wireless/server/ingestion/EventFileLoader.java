package dev.wireless.server.ingestion;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code wireless-server.jar events load FILE.json}: a file of network events (a JSON array or
 * {@code {"events": [...]}}, the same format as {@code POST /network/v1/Events}) applied in
 * batches of 1,000 through the same ingestion path. Loading a file twice counts it once.
 */
public final class EventFileLoader {

  private final IngestionService ingestion;

  public EventFileLoader(IngestionService ingestion) {
    this.ingestion = ingestion;
  }

  /** Reads the file; a file that is not an events document is refused before anything is applied. */
  public static JsonArray read(Path file) {
    try {
      String text = Files.readString(file);
      Object parsed = text.trim().startsWith("[") ? new JsonArray(text) : new JsonObject(text);
      if (parsed instanceof JsonArray events) {
        return events;
      }
      if (((JsonObject) parsed).getValue("events") instanceof JsonArray events) {
        return events;
      }
      throw new IllegalArgumentException(file + ": expected a JSON array of events or {\"events\": [...]}");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage());
    }
  }

  /** Applies the events batch by batch; the report counts outcomes and lists each rejected event. */
  public Future<String> load(JsonArray events) {
    int[] totals = new int[3];
    StringBuilder rejected = new StringBuilder();
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < events.size(); from += IngestionService.MAX_BATCH) {
      int offset = from;
      JsonArray batch = new JsonArray(events.getList().subList(from,
          Math.min(events.size(), from + IngestionService.MAX_BATCH)));
      chain = chain.compose(v -> ingestion.ingest(batch).map(result -> {
        totals[0] += result.getInteger("accepted");
        totals[1] += result.getInteger("duplicates");
        totals[2] += result.getInteger("rejected");
        result.getJsonArray("results").stream().map(JsonObject.class::cast)
            .filter(r -> "rejected".equals(r.getString("status")))
            .forEach(r -> rejected.append("\n  event ").append(offset + r.getInteger("index")).append(" (")
                .append(r.getString("event_id")).append("): ").append(r.getInteger("code")).append(' ')
                .append(r.getString("message")));
        return null;
      }));
    }
    return chain.map(v -> events.size() + " events: " + totals[0] + " accepted, " + totals[1] + " duplicates, "
        + totals[2] + " rejected" + rejected);
  }
}
