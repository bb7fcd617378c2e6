package dev.wireless.server.commands;

import static dev.wireless.server.commands.CommandRow.FAILED;

import dev.wireless.persistence.PipelinedTransaction;
import dev.wireless.persistence.jobs.Backoff;
import dev.wireless.persistence.jobs.JobState;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.server.carrier.NetworkGateway.DeliveryReceipts;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every status change of an MT Command after it was queued, each in ONE transaction under the
 * Command's row lock: the new status, the job's next state and, when the Command finishes, its
 * callback. A change applies only from the status it expects, so a receipt racing the "sent" commit
 * or the receipt timeout ends the Command exactly once, with exactly one callback.
 * <pre>
 *   queued ──carrier took it──► sent ──receipt──► delivered
 *     │     (no receipt asked: final)  └─refused receipt / timeout─► failed
 *     └──carrier refused / gave up─────────────────────────────────► failed
 * </pre>
 * The hot transitions are written for many Commands at once: {@code sent} for a worker's whole
 * batch ({@link #sentAll}, with the delivery reports the carrier announced as {@code report} jobs),
 * the due reports of a batch ({@link #reportsDue}) and receipts from the network feed as they come
 * in ({@link ReceiptBatch}); the rare ones
 * (refusals, retries, timeouts) one job at a time.
 */
public final class CommandDelivery implements DeliveryReceipts {

  /** The code a Command fails with when no receipt came back in time. */
  static final int NO_RECEIPT_CODE = 33000;
  /** The code a Command fails with when the carrier could not be reached after every attempt. */
  static final int UNREACHABLE_CODE = 33004;

  /** How long a receipt timeout waits again when the Command's delivery report is still to be applied. */
  private static final Duration REPORT_WAIT = Duration.ofSeconds(5);
  /** 500 ms after the first failed attempt, doubling, at most a minute apart. */
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofMinutes(1));

  private static final Logger LOG = LoggerFactory.getLogger(CommandDelivery.class);

  private final Pool pool;
  private final CommandCallbacks callbacks;
  private final Duration receiptTimeout;
  private final ReceiptBatch receipts;

  CommandDelivery(Pool pool, CommandCallbacks callbacks, Duration receiptTimeout) {
    this.pool = pool;
    this.callbacks = callbacks;
    this.receiptTimeout = receiptTimeout;
    this.receipts = new ReceiptBatch(pool, callbacks);
  }

  /**
   * The carrier took these jobs' messages (or their Commands had already moved on): one
   * statement, plus the callbacks of the Commands that {@code sent} finishes in the same
   * transaction. A job whose lease was lost is left to its new holder.
   */
  Future<Void> sentAll(List<ClaimedJob> jobs, Map<Long, DeliveryReport> reports, String worker) {
    List<Long> ids = jobs.stream().map(j -> j.job().id()).toList();
    if (jobs.stream().noneMatch(ClaimedJob::sentIsFinal)) {
      return new CommandBatchRepository(pool).recordSent(ids, reports, worker, receiptTimeout).mapEmpty();
    }
    return PipelinedTransaction.run(pool, tx -> new CommandBatchRepository(tx)
        .recordSent(ids, reports, worker, receiptTimeout)
        .compose(finished -> callbacks.finishedAll(tx, finished)));
  }

  /**
   * The delivery reports of these {@code report} jobs are due: applied as receipts, with their
   * callbacks, and the jobs completed, in ONE transaction. A report for a Command that has already
   * ended (a repeat after a lost lease, a receipt from the network feed first) changes nothing.
   */
  Future<Void> reportsDue(List<ClaimedJob> jobs, String worker) {
    List<String> sids = jobs.stream().map(ClaimedJob::commandSid).toList();
    List<Boolean> delivered = jobs.stream().map(j -> j.report().delivered()).toList();
    List<Integer> codes = jobs.stream().map(j -> j.report().delivered() ? null : j.report().errorCode()).toList();
    List<String> messages = jobs.stream().map(j -> j.report().message()).toList();
    List<Long> ids = jobs.stream().map(j -> j.job().id()).toList();
    return PipelinedTransaction.run(pool, tx -> new CommandBatchRepository(tx)
        .applyReceipts(sids, delivered, codes, messages)
        .compose(changed -> callbacks.finishedAll(tx, changed))
        .compose(v -> new CommandJobRepository(tx).completeAll(ids, worker)));
  }

  /** The carrier refused the message (final). */
  Future<Void> refused(CommandJob job, String worker, int code, String message) {
    return pool.withTransaction(tx -> fail(tx, job.commandId(), code, message)
        .compose(v -> new CommandJobRepository(tx).finish(job, worker, JobState.FAILED, code + " " + message)));
  }

  /**
   * The wait for the receipt is over: a Command still only {@code sent} fails, unless the carrier's
   * delivery report for it is stored and not yet applied (the database was away when it fell due):
   * then the timeout waits for it, checked under the Command's lock, which applying a report takes too.
   */
  Future<Void> receiptTimedOut(CommandJob job, String worker) {
    String message = "No delivery receipt within " + receiptTimeout.toSeconds() + " s";
    return pool.withTransaction(tx -> {
      CommandJobRepository jobs = new CommandJobRepository(tx);
      return repo(tx).lockById(job.commandId())
          .compose(locked -> jobs.reportPending(job.commandId()))
          .compose(pending -> pending
              ? jobs.requeue(job, worker, REPORT_WAIT, "a delivery report is pending")
              : fail(tx, job.commandId(), NO_RECEIPT_CODE, message)
                  .compose(v -> jobs.finish(job, worker, JobState.COMPLETED, null)));
    });
  }

  /**
   * Something failed on our side: try again with back-off, or give up after the last attempt. A
   * delivery report is never given up: the carrier delivered the message, so it is applied
   * whenever the database takes it.
   */
  Future<Void> retryLater(CommandJob job, String worker, Throwable error) {
    if (Backoff.exhausted(job.attempts(), job.maxAttempts()) && !CommandJob.REPORT.equals(job.stage())) {
      return refused(job, worker, UNREACHABLE_CODE, "The carrier could not be reached; the Command was not sent");
    }
    return pool.withTransaction(tx -> new CommandJobRepository(tx).requeue(job, worker, BACKOFF.after(job.attempts()),
        String.valueOf(error)));
  }

  @Override
  public Future<Void> receipt(String commandSid, boolean delivered, int errorCode, String message) {
    return receiptArrived(commandSid, delivered, errorCode, message)
        .onFailure(e -> LOG.warn("delivery receipt for {} not applied (the network must send it again): {}",
            commandSid, e.toString()));
  }

  /**
   * A delivery receipt: {@code delivered}, or {@code failed} with the network's error. Applies to a
   * {@code queued} or {@code sent} Command that asked for one; anything else (a repeat, a late
   * receipt after the timeout) is ignored. Completes once it is committed.
   */
  public Future<Void> receiptArrived(String commandSid, boolean delivered, int errorCode, String message) {
    return receipts.add(commandSid, delivered, errorCode, message);
  }

  private Future<Void> fail(SqlClient tx, long commandId, int code, String message) {
    return repo(tx).lockById(commandId).compose(found -> {
      CommandRow command = found.orElse(null);
      if (command == null || command.finished()) {
        return Future.succeededFuture();
      }
      return repo(tx).setStatus(commandId, FAILED, code, message).compose(row -> callbacks.finished(tx, row));
    });
  }

  private static CommandRepository repo(SqlClient tx) {
    return new CommandRepository(tx);
  }
}
