package dev.wireless.server.commands;

import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.jobs.ClaimLoop;
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
 * One Command delivery worker, in a {@link ClaimLoop}: claims a batch of due jobs together with
 * their Commands (one statement), hands every queued Command to the {@link NetworkGateway}, and
 * records {@code sent} for all that the carrier took with one more statement
 * ({@link CommandDelivery#sentAll}), which also stores the delivery reports the carrier announced
 * as {@code report} jobs. Due reports of a batch are applied together ({@link CommandDelivery#reportsDue})
 * before anything else in it. Refusals, retries and receipt timeouts, the rare outcomes, are
 * recorded one job at a time.
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
    this.loop = ClaimLoop.ofBatches(vertx, "command worker " + name, settings.pollInterval(),
        () -> CommandDeliverySql.claim(pool, name, BATCH, settings.lease()), this::process,
        () -> CommandJobRepository.release(pool, name).mapEmpty());
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

  private Future<Void> process(List<ClaimedJob> batch) {
    List<ClaimedJob> reports = batch.stream().filter(c -> CommandJob.REPORT.equals(c.job().stage())).toList();
    // due reports first: one claimed with the same Command's receipt timeout must win over it
    Future<Void> reported = reports.isEmpty() ? Future.succeededFuture()
        : delivery.reportsDue(reports, name).recover(e -> Future.join(reports.stream()
            .map(claimed -> retry(claimed.job(), e)).toList()).mapEmpty());
    return reported.transform(done -> processOthers(batch));
  }

  private Future<Void> processOthers(List<ClaimedJob> batch) {
    List<ClaimedJob> taken = Collections.synchronizedList(new ArrayList<>(batch.size()));
    Map<Long, DeliveryReport> announced = new ConcurrentHashMap<>();
    List<Future<Void>> work = new ArrayList<>();
    for (ClaimedJob claimed : batch) {
      if (CommandJob.REPORT.equals(claimed.job().stage())) {
        continue;
      } else if (CommandJob.RECEIPT.equals(claimed.job().stage())) {
        work.add(guarded(claimed.job(), delivery.receiptTimedOut(claimed.job(), name)));
      } else if (!claimed.toSend()) {
        taken.add(claimed); // deleted, or already ended: recording "sent" just closes the job
      } else {
        work.add(guarded(claimed.job(), gateway.sendSms(claimed.sms(), delivery)
            .compose(result -> conclude(claimed, result, taken, announced))));
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
  private Future<Void> guarded(CommandJob job, Future<Void> work) {
    return work.recover(e -> retry(job, e));
  }

  private Future<Void> retry(CommandJob job, Throwable e) {
    if (e instanceof CommandJobRepository.LeaseLostException || loop.stopped()) {
      return Future.succeededFuture();
    }
    LOG.warn("command job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
    return delivery.retryLater(job, name, e).recover(again -> Future.succeededFuture());
  }
}
