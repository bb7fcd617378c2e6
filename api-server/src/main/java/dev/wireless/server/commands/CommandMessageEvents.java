package dev.wireless.server.commands;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.server.common.Sids;
import dev.wireless.server.ingestion.MessageEvents;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The Commands side of the network's messaging events. An MO SMS is stored as a {@code from_sim} /
 * {@code received} Command together with its usage, its Debugger alert (33111 when truncated) and
 * the SIM's {@code commands_callback_url} callback, all in ONE transaction under the SIM's row lock,
 * and at most once per event id. A SIM that may not send messages gets alert 33203 instead.
 */
public final class CommandMessageEvents implements MessageEvents {

  /** Refusal of an MO SMS from a SIM that is not ready/active or whose plan has messaging off. */
  public static final int MESSAGING_NOT_ALLOWED = 33203;
  /** An MO text over 160 characters: truncated, stored and delivered, with this alert. */
  public static final int TRUNCATED = 33111;
  /** The SIM named by the event does not exist (no account to alert). */
  public static final int UNKNOWN_SIM = 33107;

  private final Pool pool;
  private final UsageRollups usage;
  private final CommandCallbacks callbacks;
  private final CommandDelivery delivery;

  public CommandMessageEvents(Pool pool, UsageRollups usage, CallbackOutbox outbox, Duration receiptTimeout) {
    this.pool = pool;
    this.usage = usage;
    this.callbacks = new CommandCallbacks(outbox);
    this.delivery = new CommandDelivery(pool, callbacks, receiptTimeout);
  }

  @Override
  public Future<String> fromSim(MobileOriginatedSms sms) {
    return pool.withTransaction(tx -> new CommandRepository(tx).lockDevice(sms.iccid()).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(UNKNOWN_SIM + " No SIM " + sms.iccid() + " exists");
      }
      CommandTarget sim = found.get();
      if (!sim.reachable() || !sim.messagingAllowed()) {
        String reason = !sim.reachable() ? "the SIM is " + sim.status() : "the SIM's rate plan has messaging off";
        String text = "Messaging not allowed: a message from the SIM was refused because " + reason;
        return alert(tx, sim, MESSAGING_NOT_ALLOWED, AlertRow.ERROR, text)
            .map(v -> MESSAGING_NOT_ALLOWED + " " + text);
      }
      return store(tx, sim, sms);
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

  private Future<String> store(SqlClient tx, CommandTarget sim, MobileOriginatedSms sms) {
    String mode = "binary".equals(sms.mode()) ? "binary" : "text";
    String payload = sms.payload() == null ? "" : sms.payload();
    boolean truncate = "text".equals(mode) && CommandPayload.length(payload) > CommandPayload.TEXT_MAX;
    String text = truncate ? CommandPayload.truncated(payload) : payload;
    CommandRow row = new CommandRow(0, Sids.newSid("DC"), sim.accountSid(), sim.sid(), text, text, mode, "sms",
        false, CommandRow.RECEIVED, CommandRow.FROM_SIM, null, "POST", null, null, null, null);
    OffsetDateTime at = sms.time() == null ? OffsetDateTime.now(ZoneOffset.UTC) : sms.time();
    return new CommandRepository(tx).insertOnce(row, sms.eventId()).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.succeededFuture((String) null); // the same event again: stored before
      }
      Future<Void> truncated = truncate ? alert(tx, sim, TRUNCATED, AlertRow.WARNING, "Command exceeded max length: "
          + "a message of " + CommandPayload.length(payload) + " characters from the SIM was cut to "
          + CommandPayload.TEXT_MAX + " (" + stored.get().sid() + ")") : Future.succeededFuture();
      return truncated
          .compose(v -> usage.countCommand(tx, sim.accountSid(), sim.sid(), CommandRow.FROM_SIM,
              sms.roaming() == null ? "home" : sms.roaming(), sms.countryCode(), at))
          .compose(v -> callbacks.received(tx, stored.get(), sim))
          .map(v -> (String) null);
    });
  }

  private static Future<Void> alert(SqlClient tx, CommandTarget sim, int code, String level, String text) {
    return new AlertRepository(tx).insert(AlertRow.newAlert(sim.accountSid(), sim.sid(), code, level, text, null,
        null, null, null, null, null)).mapEmpty();
  }
}
