package dev.wireless.server.ingestion;

import dev.wireless.server.api.NetworkEventsApi;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's network feed, {@code POST /network/v1/Events} of operator.yaml: the router has
 * checked the operator token and the batch's shape ({@code {"events": [...]}} or a bare array, at
 * most 1,000 events), so this hands the events to {@link IngestionService}, which judges each one
 * on its own. The answer is 200 with a result per event and the carrier directives, even when some
 * events were rejected.
 */
public final class NetworkEventsResource implements NetworkEventsApi {

  private static final Logger LOG = LoggerFactory.getLogger(NetworkEventsResource.class);

  private final IngestionService service;

  public NetworkEventsResource(IngestionService service) {
    this.service = service;
  }

  /** @param batch the parsed body: a JSON array, or an object whose {@code events} is one */
  @Override
  public Future<Reply<JsonObject>> createNetworkEvents(CallContext call, Object batch) {
    JsonArray events = batch instanceof JsonArray list ? list : ((JsonObject) batch).getJsonArray("events");
    return service.ingest(events).map(Reply::ok).recover(e -> {
      LOG.error("ingestion of a batch of {} events failed", events.size(), e);
      return Future.failedFuture(ApiException.of(ErrorCode.SERVICE_UNAVAILABLE,
          "The batch was not applied; send it again"));
    });
  }
}
