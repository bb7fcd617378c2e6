package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.server.ingestion.IngestionService;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.ingestion.MessageEvents;
import dev.wireless.server.usage.PriceTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The seam with Commands: {@code sms_mo} and {@code sms_receipt} events reach {@link MessageEvents}
 * as the network reported them, in batch order, and its refusal becomes that event's result. A
 * small recording implementation stands in for the Commands service.
 */
class IngestionMessageEventsTest extends ContractCheck {

  /** Records what it is handed; refuses MO SMS from the ICCID "refused". */
  private static final class RecordingMessages implements MessageEvents {
    final List<Object> received = new CopyOnWriteArrayList<>();

    @Override
    public Future<MessageEvents.Refusal> fromSim(MobileOriginatedSms sms) {
      received.add(sms);
      return Future.succeededFuture(sms.iccid().equals("refused")
          ? new MessageEvents.Refusal(ErrorCode.MESSAGING_NOT_ALLOWED, "Messaging not allowed for this SIM") : null);
    }

    @Override
    public Future<Void> deliveryReceipt(String commandSid, boolean delivered, int errorCode, String message) {
      received.add(List.of(commandSid, delivered, errorCode, String.valueOf(message)));
      return Future.succeededFuture();
    }
  }

  @Test
  void messagingEventsReachCommandsAndTheirRefusalsAreReported() {
    RecordingMessages messages = new RecordingMessages();
    IngestionService ingestion = new IngestionService(UsageTestAccount.pool(platform),
        PriceTable.defaults(), new CallbackOutbox(RetrySchedule.parse("0s")), messages,
        Clock.systemUTC());
    String time = "2026-11-20T08:00:00Z";
    String command = "DC" + "ab".repeat(16);
    JsonObject answer = TestPlatform.await(ingestion.ingest(new JsonArray()
        .add(new JsonObject().put("type", "sms_mo").put("event_id", "mo-1").put("iccid", "8901")
            .put("time", time).put("mode", "binary").put("payload", "aGVsbG8=").put("roaming", "international")
            .put("country_code", "de"))
        .add(new JsonObject().put("type", "sms_mo").put("event_id", "mo-2").put("iccid", "refused")
            .put("time", time).put("payload", "hi"))
        .add(new JsonObject().put("type", "sms_receipt").put("event_id", "rc-1").put("command_sid", command)
            .put("delivered", false).put("error_code", 30003).put("error_message", "unreachable"))
        .add(new JsonObject().put("type", "sms_receipt").put("event_id", "rc-2").put("command_sid", "nope")
            .put("delivered", true))));

    assertEquals(List.of(
        new MessageEvents.MobileOriginatedSms("mo-1", "8901", OffsetDateTime.parse(time), "binary", "aGVsbG8=",
            "international", "DE", "sms"),
        new MessageEvents.MobileOriginatedSms("mo-2", "refused", OffsetDateTime.parse(time), "text", "hi", null, "", "sms"),
        List.of(command, false, 30003, "unreachable")), messages.received);
    JsonArray results = answer.getJsonArray("results");
    assertEquals("accepted", results.getJsonObject(0).getString("status"));
    assertEquals(new JsonObject().put("index", 1).put("event_id", "mo-2").put("status", "rejected")
        .put("code", 33203).put("message", "Messaging not allowed for this SIM"), results.getJsonObject(1));
    assertEquals("accepted", results.getJsonObject(2).getString("status"));
    assertEquals(33101, results.getJsonObject(3).getInteger("code"));
    assertEquals(2, answer.getInteger("accepted"));
    assertEquals(2, answer.getInteger("rejected"));
  }
}
