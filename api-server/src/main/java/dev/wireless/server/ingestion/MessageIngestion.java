package dev.wireless.server.ingestion;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.ingestion.MessageEventParser.Receipt;
import dev.wireless.server.ingestion.MessageEvents.Refusal;
import dev.wireless.server.ingestion.MessageEvents.MobileOriginatedSms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a batch's messaging events to {@link MessageEvents} one after the other, in batch order,
 * and turns each answer into that event's result: stored → accepted, a {@link Refusal} (or a
 * receipt refused with an {@link ApiException}) → rejected with that code and reason. An event that could not be stored (e.g. the database is
 * unreachable) fails the batch, which is then answered 503: nothing is acknowledged before it is
 * stored. Commands owns idempotency, so a resent MO SMS stores nothing new but is still reported
 * accepted.
 */
final class MessageIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(MessageIngestion.class);

  private final MessageEvents messages;

  MessageIngestion(MessageEvents messages) {
    this.messages = messages;
  }

  /** Applies {@code events} (batch index → parsed event), writing each result into {@code results}. */
  Future<Void> apply(Map<Integer, Object> events, Map<Integer, JsonObject> results) {
    Future<Void> chain = Future.succeededFuture();
    for (Map.Entry<Integer, Object> entry : events.entrySet()) {
      int index = entry.getKey();
      chain = chain.compose(v -> one(entry.getValue()).map(refusal -> {
        results.put(index, refusal == null ? IngestionResults.result(index, eventId(entry.getValue()), "accepted")
            : IngestionResults.refused(index, eventId(entry.getValue()), refusal));
        return null;
      }));
    }
    return chain;
  }

  private Future<Refusal> one(Object event) {
    Future<Refusal> answer = event instanceof MobileOriginatedSms sms ? messages.fromSim(sms)
        : messages.deliveryReceipt(((Receipt) event).commandSid(), ((Receipt) event).delivered(),
            ((Receipt) event).errorCode(), ((Receipt) event).message()).map(v -> (Refusal) null);
    return answer.recover(e -> {
      if (e instanceof ApiException refused) {
        return Future.succeededFuture(new Refusal(refused.code(), refused.getMessage()));
      }
      // not stored: the whole batch is answered 503 so that the network sends it again (every
      // messaging event is idempotent, so what this batch did store is not stored twice)
      LOG.warn("messaging event {} not applied: {}", eventId(event), e.toString());
      return Future.failedFuture(e);
    });
  }

  private static String eventId(Object event) {
    return event instanceof MobileOriginatedSms sms ? sms.eventId() : ((Receipt) event).eventId();
  }
}
