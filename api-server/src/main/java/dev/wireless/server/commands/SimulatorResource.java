package dev.wireless.server.commands;

import dev.wireless.server.api.SimulatorApi;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.ingestion.MessageEvents.MobileOriginatedSms;
import dev.wireless.server.model.SimulatedCommand;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator-only device simulator, {@code POST /simulator/v1/Sims/{Sid}/Commands} of
 * operator.yaml: makes a SIM (by SID or ICCID) "send" a message to the short code, exactly as if
 * the network had reported it, through {@link CommandMessageEvents}. The router has checked the
 * operator token and the body (form or JSON: {@code Command}, {@code CommandMode},
 * {@code Transport}, {@code EventId}); a refusal of the message is answered as its error (403 33203,
 * 404 33107, …). A repeated {@code EventId} stores nothing new and answers the Command stored before.
 */
public final class SimulatorResource implements SimulatorApi {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorResource.class);

  private final CommandMessageEvents events;

  public SimulatorResource(CommandMessageEvents events) {
    this.events = events;
  }

  @Override
  public Future<Reply<SimulatedCommand>> createSimulatedCommand(CallContext call, String sid, String command,
                                                                String commandMode, String transport, String eventId) {
    String mode = commandMode == null ? "text" : commandMode;
    String via = transport == null ? "sms" : transport;
    if (via.equals(CommandMessageEvents.IP) && !mode.equals("binary")) {
      return Future.failedFuture(ApiException.invalid(
          "A Command over ip is binary: CommandMode binary with a base64 Command"));
    }
    String id = eventId == null ? "simulator-" + UUID.randomUUID() : eventId;
    // where the SIM is comes from its latest data session
    MobileOriginatedSms sms = new MobileOriginatedSms(id, sid, OffsetDateTime.now(ZoneOffset.UTC), mode, command,
        null, "", via);
    return events.fromSim(sms).compose(refusal -> refusal != null ? Future.failedFuture(refusal.toException())
        : events.storedCommand(id).map(row -> Reply.created(new SimulatedCommand().sid(row.sid())
            .accountSid(row.accountSid()).simSid(row.simSid()).command(row.command())
            .commandMode(SimulatedCommand.CommandModeEnum.fromValue(row.mode())).status(row.status())
            .direction(SimulatedCommand.DirectionEnum.fromValue(row.direction()))
            .transport(SimulatedCommand.TransportEnum.fromValue(row.transport())))))
        .recover(e -> {
          if (e instanceof ApiException refused) {
            return Future.failedFuture(refused);
          }
          LOG.error("simulated message from SIM {} failed", sid, e);
          return Future.failedFuture(ApiException.of(ErrorCode.SERVICE_UNAVAILABLE,
              "The message was not stored; send it again"));
        });
  }
}
