package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.callbacks.CallbackKind;
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.delivery.FormParameter;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts Command callbacks in the callbacks module's outbox, always on the transaction that writes the
 * status they report: the MT Command's {@code CallbackUrl} when it finishes, the SIM's
 * {@code commands_callback_url} when the SIM sends one. Field set: wireless.yaml {@code CommandCallback}.
 */
final class CommandCallbacks {

  private final CallbackOutbox outbox;

  CommandCallbacks(CallbackOutbox outbox) {
    this.outbox = outbox;
  }

  /** The finished MT Command's callback, if it has a {@code CallbackUrl}. */
  Future<Void> finished(SqlClient tx, CommandRow command) {
    if (command.callbackUrl() == null) {
      return Future.succeededFuture();
    }
    return uniqueName(tx, command.simSid()).compose(name -> outbox.enqueue(tx, new CallbackRequest(
        command.accountSid(), command.sid(), CallbackKind.COMMAND_STATUS, command.callbackUrl(),
        command.callbackMethod(), form(command, name)))).mapEmpty();
  }

  /**
   * The callbacks of Commands a batch statement just finished ({@link CommandBatchRepository}), with
   * one insert; those without a {@code CallbackUrl} have none.
   */
  Future<Void> finishedAll(SqlClient tx, List<CommandBatchRepository.Changed> finished) {
    List<CallbackRequest> requests = new ArrayList<>(finished.size());
    for (CommandBatchRepository.Changed c : finished) {
      if (c.command().callbackUrl() != null) {
        requests.add(new CallbackRequest(c.command().accountSid(), c.command().sid(), CallbackKind.COMMAND_STATUS,
            c.command().callbackUrl(), c.command().callbackMethod(), form(c.command(), c.simUniqueName())));
      }
    }
    return outbox.enqueueAll(tx, requests).mapEmpty();
  }

  /** A Command the SIM sent, to the SIM's {@code commands_callback_url}, if it has one. */
  Future<Void> received(SqlClient tx, CommandRow command, CommandTarget sim) {
    if (sim.commandsCallbackUrl() == null) {
      return Future.succeededFuture();
    }
    return outbox.enqueue(tx, new CallbackRequest(command.accountSid(), command.sid(), CallbackKind.SIM_COMMAND,
        sim.commandsCallbackUrl(), sim.commandsCallbackMethod() == null ? "POST" : sim.commandsCallbackMethod(),
        form(command, sim.uniqueName()))).mapEmpty();
  }

  static List<FormParameter> form(CommandRow c, String simUniqueName) {
    return CallbackRequest.form()
        .add("CommandSid", c.sid())
        .add("AccountSid", c.accountSid())
        .add("SimSid", c.simSid())
        .add("SimUniqueName", simUniqueName)
        .add("Command", c.command())
        .add("CommandMode", c.mode())
        .add("Status", c.status())
        .add("Direction", c.direction())
        .add("Transport", c.transport())
        .add("ApiVersion", "v1")
        .add("ErrorCode", c.errorCode())
        .add("ErrorMessage", c.errorMessage())
        .toList();
  }

  private static Future<String> uniqueName(SqlClient tx, String simSid) {
    return SqlExecutor.execute(tx, SQL.select(SIMS.UNIQUE_NAME).from(SIMS).where(SIMS.SID.eq(simSid)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
  }
}
