package dev.wireless.server.commands;

import dev.wireless.persistence.PipelinedTransaction;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivery receipts written in batches, each batch ONE transaction (the status changes, the
 * canceled timeouts and the callbacks: {@link CommandBatchRepository#applyReceipts}). While one batch
 * is being written, the receipts that arrive wait and go together in the next: when receipts are
 * rare each is written at once, and when they pour in one transaction carries many, instead of
 * one transaction with five statements each. A batch that fails is written again one receipt at
 * a time, so that one receipt cannot fail the others. Thread-safe.
 */
final class ReceiptBatch {

  /** The most receipts one transaction carries. */
  static final int MAX = 500;

  private record Receipt(String commandSid, boolean delivered, int errorCode, String message, Promise<Void> applied) {
  }

  private final Pool pool;
  private final CommandCallbacks callbacks;
  private final ArrayDeque<Receipt> waiting = new ArrayDeque<>();
  private boolean writing;

  ReceiptBatch(Pool pool, CommandCallbacks callbacks) {
    this.pool = pool;
    this.callbacks = callbacks;
  }

  /** Queues a receipt; the future completes (on the caller's context) once its batch committed. */
  Future<Void> add(String commandSid, boolean delivered, int errorCode, String message) {
    ContextInternal context = (ContextInternal) Vertx.currentContext();
    Promise<Void> applied = context == null ? Promise.promise() : context.promise();
    boolean start;
    synchronized (this) {
      waiting.add(new Receipt(commandSid, delivered, errorCode, message, applied));
      start = !writing;
      writing = true;
    }
    if (start) {
      writeNext();
    }
    return applied.future();
  }

  private void writeNext() {
    List<Receipt> batch = new ArrayList<>();
    synchronized (this) {
      while (!waiting.isEmpty() && batch.size() < MAX) {
        batch.add(waiting.poll());
      }
      if (batch.isEmpty()) {
        writing = false;
        return;
      }
    }
    write(batch).transform(result -> result.succeeded() || batch.size() == 1 ? settle(batch, result)
            : oneByOne(batch)) // one receipt the batch could not take must not fail the others
        .onComplete(done -> writeNext());
  }

  private Future<Void> oneByOne(List<Receipt> batch) {
    Future<Void> chain = Future.succeededFuture();
    for (Receipt receipt : batch) {
      chain = chain.transform(previous -> write(List.of(receipt)).transform(result -> settle(List.of(receipt), result)));
    }
    return chain;
  }

  private static Future<Void> settle(List<Receipt> batch, AsyncResult<Void> result) {
    batch.forEach(receipt -> receipt.applied().handle(result));
    return Future.succeededFuture();
  }

  private Future<Void> write(List<Receipt> batch) {
    List<String> sids = new ArrayList<>(batch.size());
    List<Boolean> delivered = new ArrayList<>(batch.size());
    List<Integer> codes = new ArrayList<>(batch.size());
    List<String> messages = new ArrayList<>(batch.size());
    for (Receipt r : batch) {
      String sid = r.commandSid() == null ? "" : r.commandSid();
      sids.add(sid.length() < 2 ? sid : dev.wireless.server.common.Sids.normal(sid));
      delivered.add(r.delivered());
      codes.add(r.errorCode());
      messages.add(r.message());
    }
    return PipelinedTransaction.run(pool, tx -> new CommandBatchRepository(tx)
        .applyReceipts(sids, delivered, codes, messages)
        .compose(changed -> callbacks.finishedAll(tx, changed)));
  }
}
