package dev.wireless.server.sims;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/**
 * Where a finished status change hands its callback over, on the same transaction as the final
 * status, so a crash can neither lose the callback nor send one for a change that was rolled back.
 * {@link OutboxSimCallbacks} puts them in the callbacks module's outbox; tests may record them instead.
 */
public interface SimCallbacks {

  Future<Void> statusChanged(SqlClient tx, StatusCallback callback);

  /** One Sim status callback: who, where, how, and the form parameters in order. */
  record StatusCallback(String accountSid, String simSid, long jobId, String url, String method,
                        List<Map.Entry<String, String>> params) {
  }
}
