package dev.wireless.server.commands;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.server.common.Sids;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.ingestion.MessageEvents;
import dev.wireless.server.usage.PriceTable;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The Commands side of the network's messaging events. An MO SMS is stored as a {@code from_sim} /
 * {@code received} Command together with its usage (in the roaming class the network reported with
 * it, else that of the SIM's latest data session), its Debugger alert (33111 when a text over 160
 * characters or binary over 140 bytes was truncated) and the SIM's {@code commands_callback_url}
 * callback, all in ONE transaction under the SIM's row lock, and at most once per event id. A SIM
 * that may not send messages gets alert 33203 instead: not ready/active, messaging off on its plan,
 * roaming abroad without {@code messaging} in the plan's {@code international_roaming}, or (for
 * {@code transport: ip}) without an open data session.
 */
public final class CommandMessageEvents implements MessageEvents {

  /** Refusal of an MO SMS from a SIM that is not ready/active or whose plan has messaging off. */
  public static final int MESSAGING_NOT_ALLOWED = 33203;
  /** An MO text over 160 characters: truncated, stored and delivered, with this alert. */
  public static final int TRUNCATED = 33111;
  /** The transport of a binary message over the SIM's data session. */
  static final String IP = "ip";

  private final Pool pool;
  private final PriceTable prices;
  private final CommandCallbacks callbacks;
  private final CommandDelivery delivery;

  public CommandMessageEvents(Pool pool, PriceTable prices, CallbackOutbox outbox, Duration receiptTimeout) {
    this.pool = pool;
    this.prices = prices;
    this.callbacks = new CommandCallbacks(outbox);
    this.delivery = new CommandDelivery(pool, callbacks, receiptTimeout);
  }

  @Override
  public Future<Refusal> fromSim(MobileOriginatedSms sms) {
    return pool.withTransaction(tx -> new CommandRepository(tx).lockDevice(sms.iccid()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Refusal(ErrorCode.SIM_NOT_FOUND, "No SIM " + sms.iccid() + " exists"));
      }
      CommandTarget sim = found.get();
      // where the SIM is: as the network reported it with the message, else its latest data session
      CommandTarget located = sms.roaming() == null ? sim : sim.at(sms.roaming(), sms.countryCode());
      String reason = !sim.reachable() ? "the SIM is " + sim.status()
          : !sim.messagingAllowed() ? "the SIM's rate plan has messaging off"
          : located.messagingBlockedAbroad() ? "the SIM is roaming in another country (" + located.countryCode()
              + ") and its rate plan's international_roaming does not include messaging"
          : IP.equals(sms.transport()) && !sim.sessionOpen() ? "a Command over ip needs an open data session"
          : null;
      if (reason != null) {
        String text = "Messaging not allowed: a message from the SIM was refused because " + reason;
        return alert(tx, sim, MESSAGING_NOT_ALLOWED, AlertRow.ERROR, text)
            .map(v -> new Refusal(ErrorCode.MESSAGING_NOT_ALLOWED, text));
      }
      if ("binary".equals(sms.mode()) && CommandPayload.decoded(sms.payload()) == null) {
        return Future.succeededFuture(new Refusal(ErrorCode.INVALID_PARAMETER, "A binary message must be base64"));
      }
      return store(tx, located, sms);
    }));
  }

  /** The Command stored for the network event {@code eventId} (the simulator answers with it). */
  public Future<CommandRow> storedCommand(String eventId) {
    return new CommandRepository(pool).findByEvent(eventId)
        .map(found -> found.orElseThrow(() -> new IllegalStateException("no Command for event " + eventId)));
  }

  @Override
  public Future<Void> deliveryReceipt(String commandSid, boolean delivered, int errorCode, String message) {
    return delivery.receiptArrived(commandSid, delivered, errorCode, message);
  }

  /**
   * Stores the message, counted in the roaming class {@code sim} is located in. Over 160 characters
   * of text or 140 bytes of binary it is cut to that size and stored with a 33111 alert.
   */
  private Future<Refusal> store(SqlClient tx, CommandTarget sim, MobileOriginatedSms sms) {
    String mode = "binary".equals(sms.mode()) ? "binary" : "text";
    String payload = sms.payload() == null ? "" : sms.payload();
    String kept = "binary".equals(mode) ? CommandPayload.truncatedBinary(payload) : CommandPayload.truncated(payload);
    boolean truncate = !kept.equals(payload);
    String size = "binary".equals(mode) ? CommandPayload.decoded(payload).length + " bytes"
        : CommandPayload.length(payload) + " characters";
    String limit = "binary".equals(mode) ? CommandPayload.BINARY_MAX_BYTES + " bytes"
        : CommandPayload.TEXT_MAX + " characters";
    String transport = IP.equals(sms.transport()) ? IP : "sms";
    CommandRow row = new CommandRow(0, Sids.newSid("DC"), sim.accountSid(), sim.sid(), kept, kept, mode, transport,
        false, CommandRow.RECEIVED, CommandRow.FROM_SIM, null, "POST", null, null, null, null);
    OffsetDateTime at = sms.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : sms.time();
    return new CommandRepository(tx).insertOnce(row, sms.eventId()).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.succeededFuture((Refusal) null); // the same event again: stored before
      }
      Future<Void> truncated = truncate ? alert(tx, sim, TRUNCATED, AlertRow.WARNING, "Command exceeded max length: "
          + "a message of " + size + " from the SIM was cut to " + limit + " (" + stored.get().sid() + ")")
          : Future.succeededFuture();
      return truncated
          .compose(v -> new UsageRollups(tx, prices).countCommand(sim.accountSid(), sim.sid(), CommandRow.FROM_SIM, sim.roaming(),
              sim.countryCode(), at))
          .compose(v -> callbacks.received(tx, stored.get(), sim))
          .map(v -> (Refusal) null);
    });
  }

  private static Future<Void> alert(SqlClient tx, CommandTarget sim, int code, String level, String text) {
    return new AlertRepository(tx).insert(AlertRow.newAlert(sim.accountSid(), sim.sid(), code, level, text, null,
        null, null, null, null, null)).mapEmpty();
  }
}
