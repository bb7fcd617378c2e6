package dev.wireless.server.commands;

import dev.wireless.persistence.jobs.ClaimLoop;
import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.server.carrier.NetworkGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Command delivery worker: two {@link ClaimLoop}s on the job engine, one per group of kinds
 * ({@link CommandJob.Kinds}), so that a Command to send never waits behind a batch of reports.
 * The send loop claims a batch of {@code send} jobs together with their Commands (one statement),
 * hands every queued Command to the {@link NetworkGateway}, and records {@code sent} for all that
 * the carrier took with one more statement ({@link CommandDelivery#sentAll}), which also stores the
 * delivery reports the carrier announced as {@code report} jobs and wakes the follow-up loop for
 * them. The follow-up loop applies the due reports of its batch together
 * ({@link CommandDelivery#reportsDue}) before the receipt timeouts in it. Refusals, retries and
 * receipt timeouts, the rare outcomes, are recorded one job at a time.
 */
final class CommandWorker {

  private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);
  /** Jobs per claim; a full claim is followed by the next one at once. */
  static final int BATCH = 200;

  private final Vertx vertx;
  private final NetworkGateway gateway;
  private final CommandDelivery delivery;
  private final ClaimLoop<ClaimedJob> sends;
  private final ClaimLoop<ClaimedJob> followUps;
  private final String sender;
  private final String followUpWorker;

  CommandWorker(Vertx vertx, Pool pool, NetworkGateway gateway, CommandDelivery delivery, CommandSettings settings,
                String name) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.delivery = delivery;
    // each loop leases under its own name: a claim re-takes the jobs still leased to its own name
    this.sender = name + "/send";
    this.followUpWorker = name + "/follow-up";
    this.sends = loop(vertx, pool, settings, CommandJob.Kinds.SENDS, sender, this::send);
    this.followUps = loop(vertx, pool, settings, CommandJob.Kinds.FOLLOW_UPS, followUpWorker, this::followUp);
  }

  private static ClaimLoop<ClaimedJob> loop(Vertx vertx, Pool pool, CommandSettings settings,
                                            CommandJob.Kinds kinds, String worker,
                                            Function<List<ClaimedJob>, Future<Void>> process) {
    return ClaimLoop.ofBatches(vertx, "command worker " + worker, settings.pollInterval(),
        () -> CommandDeliverySql.claim(pool, kinds, worker, BATCH, settings.lease()), process,
        () -> CommandJobRepository.release(pool, worker).mapEmpty());
  }

  void start() {
    sends.start();
    followUps.start();
  }

  /** A Command was queued on this node: claim it now rather than at the next poll. */
  void wake() {
    sends.wake();
  }

  /**
   * Stops claiming; completes once the batches in flight have ended and any job still leased to this
   * worker has been handed back, so another node takes it at once instead of after the lease.
   */
  Future<Void> stop() {
    return Future.join(sends.stop(), followUps.stop()).mapEmpty();
  }

  /** Due reports first: one claimed with the same Command's receipt timeout must win over it. */
  private Future<Void> followUp(List<ClaimedJob> batch) {
    List<ClaimedJob> reports = batch.stream().filter(c -> CommandJob.REPORT.equals(c.job().stage())).toList();
    Future<Void> reported = reports.isEmpty() ? Future.succeededFuture()
        : delivery.reportsDue(reports, followUpWorker).recover(e -> Future.join(reports.stream()
            .map(claimed -> retry(followUps, followUpWorker, claimed.job(), e)).toList()).mapEmpty());
    return reported.transform(done -> Future.join(batch.stream()
        .filter(claimed -> CommandJob.RECEIPT.equals(claimed.job().stage()))
        .map(claimed -> delivery.receiptTimedOut(claimed.job(), followUpWorker)
            .recover(e -> retry(followUps, followUpWorker, claimed.job(), e)))
        .toList()).mapEmpty());
  }

  private Future<Void> send(List<ClaimedJob> batch) {
    List<ClaimedJob> taken = Collections.synchronizedList(new ArrayList<>(batch.size()));
    Map<Long, DeliveryReport> announced = new ConcurrentHashMap<>();
    List<Future<Void>> work = new ArrayList<>();
    for (ClaimedJob claimed : batch) {
      if (!claimed.toSend()) {
        taken.add(claimed); // deleted, or already ended: recording "sent" just closes the job
      } else {
        work.add(gateway.sendSms(claimed.sms(), delivery)
            .compose(result -> conclude(claimed, result, taken, announced))
            .recover(e -> retry(sends, sender, claimed.job(), e)));
      }
    }
    return Future.join(work).transform(sent -> taken.isEmpty() ? Future.succeededFuture()
        : delivery.sentAll(taken, announced, sender)
            .onSuccess(v -> wakeForReports(announced))
            .recover(e -> Future.join(taken.stream()
                .map(claimed -> retry(sends, sender, claimed.job(), e)).toList()).mapEmpty()));
  }

  /** The reports just stored are due when the carrier said: the follow-up loop claims them then. */
  private void wakeForReports(Map<Long, DeliveryReport> announced) {
    announced.values().stream().map(DeliveryReport::after).min(Duration::compareTo).ifPresent(first -> {
      if (first.toMillis() <= 0) {
        followUps.wake();
      } else {
        vertx.setTimer(first.toMillis(), t -> followUps.wake());
      }
    });
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
      case REFUSED -> delivery.refused(claimed.job(), sender, result.errorCode(), result.message());
      case SCHEDULED -> delivery.retryLater(claimed.job(), sender, new IllegalStateException("carrier busy"));
    };
  }

  /** A job whose work failed is retried with back-off, unless its lease was lost or its loop stops. */
  private Future<Void> retry(ClaimLoop<ClaimedJob> loop, String worker, CommandJob job, Throwable e) {
    if (loop.abandons(e)) {
      return Future.succeededFuture();
    }
    LOG.warn("command job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
    return delivery.retryLater(job, worker, e).recover(again -> Future.succeededFuture());
  }
}
