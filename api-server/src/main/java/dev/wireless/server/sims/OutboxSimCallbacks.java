package dev.wireless.server.sims;

import dev.wireless.callbacks.CallbackKind;
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.delivery.FormParameter;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** Hands Sim status callbacks to the callbacks module's outbox, on the caller's transaction. */
public final class OutboxSimCallbacks implements SimCallbacks {

  private final CallbackOutbox outbox;

  public OutboxSimCallbacks(CallbackOutbox outbox) {
    this.outbox = outbox;
  }

  @Override
  public Future<Void> statusChanged(SqlClient tx, StatusCallback callback) {
    return outbox.enqueue(tx, new CallbackRequest(callback.accountSid(), callback.simSid(), CallbackKind.SIM_STATUS,
            callback.url(), callback.method(),
            callback.params().stream().map(p -> new FormParameter(p.getKey(), p.getValue())).toList()))
        .mapEmpty();
  }
}
