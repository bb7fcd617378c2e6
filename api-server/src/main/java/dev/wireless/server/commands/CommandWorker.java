package dev.wireless.server.commands;

import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.ClaimLoop;
import dev.wireless.persistence.jobs.JobKinds;
import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.server.carrier.NetworkGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Command delivery worker, in a {@link ClaimLoop} of the job engine: claims a batch of due jobs
 * of its kinds together with their Commands (one statement) and hands each kind to its handler
 * ({@link JobKinds}); the sends run side by side with the follow-ups, so that a Command to send
 * never waits for the batch's reports to be written. Sends: every queued Command goes to the {@link NetworkGateway}, and one
 * more statement records {@code sent} for all that the carrier took ({@link CommandDelivery#sentAll}),
 * storing the delivery reports the carrier announced as {@code report} jobs. Follow-ups: the due
 * reports are applied together ({@link CommandDelivery#reportsDue}) before the receipt timeouts,
 * so that a due report wins over its Command's timeout. Refusals, retries and receipt timeouts, the
 * rare outcomes, are recorded one job at a time.
 */
final class CommandWorker {

  private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);
  /** Jobs per claim; a full claim is followed by the next one at once. */
  static final int BATCH = 200;

  private final NetworkGateway gateway;
  private final CommandDelivery delivery;
  private final String name;
  private final ClaimLoop<ClaimedJob> loop;

  CommandWorker(Vertx vertx, Pool pool, NetworkGateway gateway, CommandDelivery delivery, CommandSettings settings,
                String name) {
    this.gateway = gateway;
    this.delivery = delivery;
    this.name = name;
    JobKinds<ClaimedJob> kinds = JobKinds.<ClaimedJob>of(claimed -> claimed.job().stage())
        .handle(CommandJob.SEND, this::sends)
        .handle(CommandJob.REPORT, this::reports)
        .handleAfter(CommandJob.REPORT, CommandJob.RECEIPT, this::receiptTimeouts);
    CommandJobRepository jobs = new CommandJobRepository(pool);
    Template claim = CommandJobRepository.claimOf(kinds.names());
    this.loop = ClaimLoop.ofBatches(vertx, "command worker " + name, settings.pollInterval(),
        () -> jobs.claim(claim, name, BATCH, settings.lease()), kinds::run,
        () -> jobs.release(name).mapEmpty());
  }

  void start() {
    loop.start();
  }

  /** A Command was queued on this node: claim it now rather than at the next poll. */
  void wake() {
    loop.wake();
  }

  /**
   * Stops claiming; completes once the batch in flight has ended and any job still leased to this
   * worker has been handed back, so another node takes it at once instead of after the lease.
   */
  Future<Void> stop() {
    return loop.stop();
  }

  /** The batch's due delivery reports, applied together; the receipt timeouts wait for them (a report wins). */
  private Future<Void> reports(List<ClaimedJob> reports) {
    return delivery.reportsDue(reports, name).recover(e -> Future.join(reports.stream()
        .map(claimed -> retry(claimed.job(), e)).toList()).mapEmpty());
  }

  private Future<Void> receiptTimeouts(List<ClaimedJob> timeouts) {
    return Future.join(timeouts.stream()
        .map(claimed -> delivery.receiptTimedOut(claimed.job(), name).recover(e -> retry(claimed.job(), e)))
        .toList()).mapEmpty();
  }

  private Future<Void> sends(List<ClaimedJob> batch) {
    List<ClaimedJob> taken = Collections.synchronizedList(new ArrayList<>(batch.size()));
    Map<Long, DeliveryReport> announced = new ConcurrentHashMap<>();
    List<Future<Void>> work = new ArrayList<>();
    for (ClaimedJob claimed : batch) {
      if (!claimed.toSend()) {
        taken.add(claimed); // deleted, or already ended: recording "sent" just closes the job
      } else {
        work.add(gateway.sendSms(claimed.sms(), delivery)
            .compose(result -> conclude(claimed, result, taken, announced))
            .recover(e -> retry(claimed.job(), e)));
      }
    }
    return Future.join(work).transform(sent -> taken.isEmpty() ? Future.succeededFuture()
        : delivery.sentAll(taken, announced, name).recover(e -> Future.join(taken.stream()
            .map(claimed -> retry(claimed.job(), e)).toList()).mapEmpty()));
  }

  private Future<Void> conclude(ClaimedJob claimed, CarrierResult result, List<ClaimedJob> taken,
                                Map<Long, DeliveryReport> announced) {
    return switch (result.outcome()) {
      case APPLIED -> {
        if (result.report() != null) {
          announced.put(claimed.job().id(), result.report());
        }
        taken.add(claimed);
        yield Future.succeededFuture();
      }
      case REFUSED -> delivery.refused(claimed.job(), name, result.errorCode(), result.message());
      case SCHEDULED -> delivery.retryLater(claimed.job(), name, new IllegalStateException("carrier busy"));
    };
  }

  /** A job whose work failed is retried with back-off, unless its lease was lost or the worker stops. */
  private Future<Void> retry(CommandJob job, Throwable e) {
    if (loop.abandons(e)) {
      return Future.succeededFuture();
    }
    LOG.warn("command job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
    return delivery.retryLater(job, name, e).recover(again -> Future.succeededFuture());
  }
}
