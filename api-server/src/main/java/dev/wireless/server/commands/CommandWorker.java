package dev.wireless.server.commands;

import dev.wireless.server.carrier.CarrierResult;
import dev.wireless.server.carrier.NetworkGateway;
import dev.wireless.server.carrier.NetworkGateway.SmsRequest;
import dev.wireless.server.jobs.ClaimLoop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Command delivery worker: claims a batch of due jobs, sends each Command through the
 * {@link NetworkGateway} (or ends the wait for its receipt) and records the outcome through
 * {@link CommandDelivery}, in a {@link ClaimLoop}.
 */
final class CommandWorker {

  private static final Logger LOG = LoggerFactory.getLogger(CommandWorker.class);
  private static final int BATCH = 32;

  private final Pool pool;
  private final NetworkGateway gateway;
  private final CommandDelivery delivery;
  private final String name;
  private final ClaimLoop<CommandJob> loop;

  CommandWorker(Vertx vertx, Pool pool, NetworkGateway gateway, CommandDelivery delivery, CommandSettings settings,
                String name) {
    this.pool = pool;
    this.gateway = gateway;
    this.delivery = delivery;
    this.name = name;
    this.loop = new ClaimLoop<>(vertx, "command worker " + name, settings.pollInterval(),
        () -> CommandJobRepository.claim(pool, name, BATCH, settings.lease()), this::process,
        () -> CommandJobRepository.release(pool, name).mapEmpty());
  }

  void start() {
    loop.start();
  }

  /**
   * Stops claiming; completes once the batch in flight has ended and any job still leased to this
   * worker has been handed back, so another node takes it at once instead of after the lease.
   */
  Future<Void> stop() {
    return loop.stop();
  }

  private Future<Void> process(CommandJob job) {
    Future<Void> work = CommandJob.RECEIPT.equals(job.stage()) ? delivery.receiptTimedOut(job, name) : send(job);
    return work.recover(e -> {
      if (e instanceof CommandJobRepository.LeaseLostException || loop.stopped()) {
        return Future.succeededFuture();
      }
      LOG.warn("command job {} failed on attempt {}: {}", job.id(), job.attempts(), e.toString());
      return delivery.retryLater(job, name, e);
    }).recover(e -> Future.succeededFuture());
  }

  private Future<Void> send(CommandJob job) {
    CommandRepository commands = new CommandRepository(pool);
    return commands.findById(job.commandId()).compose(found -> {
      if (found.isEmpty() || found.get().finished()) {
        return delivery.sent(job, name); // deleted or already ended: just closes the job
      }
      CommandRow c = found.get();
      return commands.iccid(c.simSid()).compose(iccid -> gateway.sendSms(new SmsRequest(job.id(), c.sid(), c.simSid(),
              iccid, c.mode(), c.payload(), c.receiptRequested(), job.attempts()), delivery))
          .compose(result -> conclude(job, result));
    });
  }

  private Future<Void> conclude(CommandJob job, CarrierResult result) {
    return switch (result.outcome()) {
      case APPLIED -> delivery.sent(job, name);
      case REFUSED -> delivery.refused(job, name, result.errorCode(), result.message());
      case SCHEDULED -> delivery.retryLater(job, name, new IllegalStateException("carrier busy"));
    };
  }
}
