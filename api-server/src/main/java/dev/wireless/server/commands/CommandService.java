package dev.wireless.server.commands;

import dev.wireless.callbacks.delivery.CallbackUrls;
import dev.wireless.persistence.PipelinedTransaction;
import dev.wireless.server.common.Sids;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageRequest;
import dev.wireless.server.usage.CommandShards;
import dev.wireless.server.usage.PriceTable;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Command rules for the API. CreateCommand checks the request, then, under the SIM's row lock (so
 * the 100-queued limit is exact under concurrent requests), stores the Command, its delivery job
 * and its usage in ONE transaction: a Command that exists is always delivered eventually, and
 * always counted, in the roaming class of the SIM's latest data session. A SIM roaming in another
 * country takes Commands only when its plan's {@code international_roaming} has {@code messaging}
 * (33201 otherwise). The transaction's statements are pipelined ({@link CommandRepository#lockTarget},
 * {@link CommandRepository#insertBelowLimit}): about three round trips fewer per Command than one
 * statement after another.
 */
public final class CommandService {

  /** At most this many Commands may wait in {@code queued} for one SIM (33118 beyond). */
  static final int MAX_QUEUED_PER_SIM = 100;

  /** A CreateCommand request after the contract's own checks ({@code includeSid} defaults to none). */
  public record NewCommand(String command, String sim, String mode, String includeSid, boolean receiptRequested,
                           String callbackUrl, String callbackMethod) {
  }

  private final Pool pool;
  private final PriceTable prices;
  private final Runnable queued;
  private final CommandShards shards = new CommandShards();

  /** @param queued told after every committed Command (wakes this node's delivery workers) */
  public CommandService(Pool pool, PriceTable prices, Runnable queued) {
    this.pool = pool;
    this.prices = prices;
    this.queued = queued;
  }

  public Future<CommandRow> create(String accountSid, NewCommand request) {
    try {
      check(request);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    CommandShards.Lease shard = shards.lease();
    Future<CommandRow> created;
    if (Sids.looksLike("DE", request.sim())) {
      String simSid = Sids.normal(request.sim());
      created = PipelinedTransaction.run(pool, tx -> store(tx, accountSid, simSid, request,
          new CommandRepository(tx).lockTarget(accountSid, simSid, true), shard.shard()));
    } else { // a unique_name: the SIM's SID, which the usage rows need, is known only once it is locked
      created = PipelinedTransaction.run(pool, tx -> new CommandRepository(tx).lockTarget(accountSid, request.sim(), false)
          .compose(found -> store(tx, accountSid, found.map(CommandTarget::sid).orElse(null), request,
              Future.succeededFuture(found), shard.shard())));
    }
    return created.onComplete(done -> shard.release()).onSuccess(row -> queued.run());
  }

  /**
   * Sends the count-and-insert and the usage behind the SIM lock without waiting for it, then
   * applies the rules to what came back; any broken rule fails the transaction, which rolls all
   * of it back.
   */
  private Future<CommandRow> store(SqlClient tx, String accountSid, String simSid, NewCommand request,
                                   Future<Optional<CommandTarget>> locked, short shard) {
    if (simSid == null) {
      return Future.failedFuture(simNotFound(request));
    }
    String sid = Sids.newSid("DC");
    CommandRow row = new CommandRow(0, sid, accountSid, simSid, request.command(),
        CommandPayload.overTheAir(request.command(), request.includeSid(), sid), request.mode(), "sms",
        request.receiptRequested(), CommandRow.QUEUED, CommandRow.TO_SIM, request.callbackUrl(),
        request.callbackMethod(), null, null, null, null);
    Future<CommandRepository.Inserted> inserted = new CommandRepository(tx).insertBelowLimit(row, MAX_QUEUED_PER_SIM);
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return Future.join(locked, inserted).transform(all -> {
      if (locked.failed()) {
        return Future.failedFuture(locked.cause());
      }
      CommandTarget sim = locked.result().orElseThrow(() -> simNotFound(request));
      if (!sim.reachable()) {
        throw ApiException.of(ErrorCode.CONFIGURATION_INCOMPLETE,
            "Commands can only be sent to a SIM that is ready or active; this SIM is " + sim.status());
      }
      if (!sim.messagingAllowed()) {
        throw ApiException.of(ErrorCode.NOT_PERMITTED, "The SIM's rate plan does not allow messaging");
      }
      if (sim.messagingBlockedAbroad()) {
        throw ApiException.of(ErrorCode.NOT_PERMITTED, "The SIM is roaming in another country ("
            + sim.countryCode() + ") and its rate plan's InternationalRoaming does not include messaging");
      }
      if (inserted.failed()) {
        return Future.failedFuture(inserted.cause());
      }
      if (inserted.result().command().isEmpty()) {
        throw ApiException.of(ErrorCode.TOO_MANY_COMMANDS,
            MAX_QUEUED_PER_SIM + " Commands are already queued for this SIM; wait until some are sent");
      }
      // counted in the roaming class of the SIM's latest session; the SIM's rows first, the account's
      // last: their lock, shared by the account's Commands, is held only until the commit
      UsageRollups usage = new UsageRollups(tx, prices);
      Future<Void> onSim = usage.countCommandOnSim(accountSid, simSid, CommandRow.TO_SIM, sim.roaming(),
          sim.countryCode(), now);
      Future<Void> onAccount = usage.countCommandOnAccount(accountSid, simSid, CommandRow.TO_SIM, sim.roaming(),
          sim.countryCode(), now, shard);
      return Future.all(onSim, onAccount).map(inserted.result().command().get());
    });
  }

  private static ApiException simNotFound(NewCommand request) {
    return ApiException.of(ErrorCode.SIM_NOT_FOUND, "No SIM '" + request.sim() + "' exists on this account");
  }

  public Future<CommandRow> fetch(String accountSid, String sid, String path) {
    return new CommandRepository(pool).find(accountSid, sid)
        .map(found -> found.orElseThrow(() -> ApiException.notFound(path)));
  }

  /** A page of the account's Commands; a {@code Sim} unique_name no SIM has gives an empty page. */
  public Future<Page<CommandRow>> list(String accountSid, String sim, String status, String direction,
                                       String transport, PageRequest request) {
    CommandRepository commands = new CommandRepository(pool);
    Future<Optional<String>> simSid = sim == null ? Future.succeededFuture(Optional.empty())
        : Sids.looksLike("DE", sim) ? Future.succeededFuture(Optional.of(Sids.normal(sim)))
        : commands.simSidByName(accountSid, sim);
    return simSid.compose(resolved -> commands.page(accountSid,
            new CommandFilter(resolved.orElse(null), sim != null && resolved.isEmpty(), status, direction, transport),
            request))
        .map(rows -> Page.of(rows, request, CommandRow::id));
  }

  public Future<Void> delete(String accountSid, String sid, String path) {
    return new CommandRepository(pool).delete(accountSid, sid).map(deleted -> {
      if (!deleted) {
        throw ApiException.notFound(path);
      }
      return null;
    });
  }

  private static void check(NewCommand request) {
    if (request.sim() == null || request.sim().isBlank()) {
      throw ApiException.of(ErrorCode.MISSING_PARAMETER, "Sim is required: the SID or unique_name of the SIM");
    }
    if (request.callbackUrl() != null) {
      Optional<String> bad = CallbackUrls.validate(request.callbackUrl());
      if (bad.isPresent()) {
        throw ApiException.of(ErrorCode.INVALID_CALLBACK_URL, "CallbackUrl: " + bad.get());
      }
    }
    CommandPayload.check(request.command(), request.mode(), request.includeSid());
  }

}
