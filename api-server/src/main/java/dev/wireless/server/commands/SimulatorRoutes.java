package dev.wireless.server.commands;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.ingestion.MessageEvents.MobileOriginatedSms;
import dev.wireless.server.ingestion.OperatorToken;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator-only device simulator: {@code POST /simulator/v1/Sims/{Sid}/Commands} makes a SIM
 * (by SID or ICCID) "send" an SMS to the short code, exactly as if the network had reported it,
 * through {@link CommandMessageEvents}. Body: form or JSON with {@code Command} (required),
 * {@code CommandMode} ({@code text} default, or {@code binary} with base64), {@code Transport}
 * ({@code sms} default, or {@code ip}: binary only, over the SIM's open data session) and an
 * optional {@code EventId} (a repeated id stores nothing new). Where the SIM is (home or roaming)
 * comes from its latest data session. Outside the public contract, with the
 * operator's Bearer token like the network ingestion interface.
 */
public final class SimulatorRoutes {

  public static final String PATH = "/simulator/v1/Sims/:sid/Commands";
  private static final Logger LOG = LoggerFactory.getLogger(SimulatorRoutes.class);

  private SimulatorRoutes() {
  }

  /** Mounts the simulator on the API's router, whose error mapper writes its refusals. */
  public static void mount(Router router, CommandMessageEvents events, OperatorToken token) {
    byte[] expected = token.value().getBytes(StandardCharsets.UTF_8);
    router.post(PATH).order(-1).handler(ctx -> {
      String authorization = ctx.request().getHeader("Authorization");
      if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
          || !MessageDigest.isEqual(expected, authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8))) {
        error(ctx, ErrorCode.UNAUTHENTICATED, "An operator Bearer token is required");
        return;
      }
      ctx.request().body().onComplete(body -> {
        if (body.failed() || body.result().length() > 64 * 1024) {
          error(ctx, ErrorCode.INVALID_PARAMETER, "The request body could not be read");
        } else {
          handle(ctx, events, body.result());
        }
      });
    });
  }

  private static void handle(RoutingContext ctx, CommandMessageEvents events, Buffer body) {
    JsonObject fields = parse(ctx.request().getHeader("Content-Type"), body);
    String command = fields == null ? null : fields.getString("Command");
    String mode = fields == null ? "text" : fields.getString("CommandMode", "text");
    String transport = fields == null ? "sms" : fields.getString("Transport", "sms");
    if (command == null || command.isEmpty() || !(mode.equals("text") || mode.equals("binary"))
        || !(transport.equals("sms") || transport.equals(CommandMessageEvents.IP))) {
      error(ctx, ErrorCode.INVALID_PARAMETER, "Send Command (and optionally CommandMode text|binary, Transport sms|ip) as a form "
          + "or JSON body");
      return;
    }
    if (transport.equals(CommandMessageEvents.IP) && !mode.equals("binary")) {
      error(ctx, ErrorCode.INVALID_PARAMETER, "A Command over ip is binary: CommandMode binary with a base64 Command");
      return;
    }
    String eventId = fields.getString("EventId", "simulator-" + UUID.randomUUID());
    String sim = ctx.pathParam("sid");
    // where the SIM is comes from its latest data session
    MobileOriginatedSms sms = new MobileOriginatedSms(eventId, sim, OffsetDateTime.now(ZoneOffset.UTC), mode, command,
        null, "", transport);
    events.fromSim(sms).compose(refusal -> refusal != null ? Future.succeededFuture(refusal)
            : events.storedCommand(eventId).map(row -> (Object) row))
        .onComplete(done -> {
          if (done.failed()) {
            LOG.error("simulated message from SIM {} failed", sim, done.cause());
            error(ctx, ErrorCode.SERVICE_UNAVAILABLE, "The message was not stored; send it again");
          } else if (done.result() instanceof String refusal) {
            int code = Integer.parseInt(refusal.substring(0, refusal.indexOf(' ')));
            error(ctx, ErrorCode.forCode(code), refusal.substring(6));
          } else {
            CommandRow row = (CommandRow) done.result();
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(new JsonObject()
                .put("sid", row.sid()).put("account_sid", row.accountSid()).put("sim_sid", row.simSid())
                .put("command", row.command()).put("command_mode", row.mode()).put("status", row.status())
                .put("direction", row.direction()).put("transport", row.transport()).encode());
          }
        });
  }

  private static JsonObject parse(String contentType, Buffer body) {
    if (contentType != null && contentType.toLowerCase().startsWith("application/json")) {
      try {
        return body.toJsonObject();
      } catch (DecodeException | ClassCastException e) {
        return null;
      }
    }
    JsonObject fields = new JsonObject();
    new QueryStringDecoder(body.toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters()
        .forEach((name, values) -> fields.put(name, values.get(0)));
    return fields;
  }

  /** Refusals leave through the router's one error mapper, like every other error body. */
  private static void error(RoutingContext ctx, ErrorCode code, String message) {
    ctx.fail(ApiException.of(code, message));
  }
}
