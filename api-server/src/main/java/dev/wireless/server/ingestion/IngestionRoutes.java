package dev.wireless.server.ingestion;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator-only network ingestion interface, outside the public contract and its accounts:
 * {@code POST /network/v1/Events} with the operator's Bearer token and a JSON body
 * {@code {"events": [...]}} (or a bare array) of at most 1,000 events. The answer is 200 with a
 * result per event and the carrier directives, even when some events were rejected. Errors of the
 * whole request go through the router's one error mapper, so they have the API's error body.
 */
public final class IngestionRoutes {

  public static final String PATH = "/network/v1/Events";
  private static final Logger LOG = LoggerFactory.getLogger(IngestionRoutes.class);

  private IngestionRoutes() {
  }

  public static void mount(Router router, IngestionService service, OperatorToken token, long maxBodyBytes) {
    router.post(PATH).order(-1).handler(ctx -> {
      if (!token.matches(ctx.request().getHeader("Authorization"))) {
        ctx.fail(ApiException.of(ErrorCode.UNAUTHENTICATED, "An operator Bearer token is required"));
        return;
      }
      ctx.request().body().onComplete(body -> {
        if (body.failed()) {
          ctx.fail(ApiException.of(ErrorCode.INVALID_PARAMETER, "The request body could not be read"));
        } else if (body.result().length() == 0) {
          ctx.fail(ApiException.of(ErrorCode.INVALID_PARAMETER, "The body is empty: send {\"events\": [...]}"));
        } else if (body.result().length() > Math.max(maxBodyBytes, 2L * 1024 * 1024)) {
          ctx.fail(ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE, "The batch is too large"));
        } else {
          handle(ctx, service, body.result());
        }
      });
    });
  }

  private static int firstCharacter(Buffer body) {
    for (int i = 0; i < body.length(); i++) {
      byte b = body.getByte(i);
      if (b > ' ') {
        return b;
      }
    }
    return -1;
  }

  private static void handle(RoutingContext ctx, IngestionService service, Buffer body) {
    JsonArray events;
    try {
      // parsed from the bytes as they came (no copy into a String first)
      if (firstCharacter(body) == '[') {
        events = new JsonArray(body);
      } else {
        JsonObject wrapper = new JsonObject(body);
        events = wrapper.getValue("events") instanceof JsonArray a ? a : null;
      }
    } catch (DecodeException | ClassCastException e) {
      events = null;
    }
    if (events == null) {
      ctx.fail(ApiException.of(ErrorCode.INVALID_PARAMETER,
          "The body must be a JSON array of events or {\"events\": [...]}"));
      return;
    }
    if (events.size() > IngestionService.MAX_BATCH) {
      ctx.fail(ApiException.of(ErrorCode.INVALID_PARAMETER,
          "A batch holds at most " + IngestionService.MAX_BATCH + " events"));
      return;
    }
    JsonArray batch = events;
    service.ingest(batch).onComplete(done -> {
      if (done.succeeded()) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
            .end(done.result().toBuffer());
      } else {
        LOG.error("ingestion of a batch of {} events failed", batch.size(), done.cause());
        ctx.fail(ApiException.of(ErrorCode.SERVICE_UNAVAILABLE, "The batch was not applied; send it again"));
      }
    });
  }
}
