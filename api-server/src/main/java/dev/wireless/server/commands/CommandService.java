package dev.wireless.server.commands;

import dev.wireless.callbacks.delivery.CallbackUrls;
import dev.wireless.server.common.Sids;
import dev.wireless.server.http.ApiException;
import dev.wireless.server.http.ErrorCode;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageRequest;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Command rules for the API. CreateCommand checks the request, then, under the SIM's row lock (so
 * the 100-queued limit is exact under concurrent requests), stores the Command, its delivery job
 * and its usage in ONE transaction: a Command that exists is always delivered eventually, and
 * always counted.
 */
public final class CommandService {

  /** At most this many Commands may wait in {@code queued} for one SIM (33118 beyond). */
  static final int MAX_QUEUED_PER_SIM = 100;

  /** A CreateCommand request after the contract's own checks ({@code includeSid} defaults to none). */
  public record NewCommand(String command, String sim, String mode, String includeSid, boolean receiptRequested,
                           String callbackUrl, String callbackMethod) {
  }

  private final Pool pool;
  private final UsageRollups usage;

  public CommandService(Pool pool, UsageRollups usage) {
    this.pool = pool;
    this.usage = usage;
  }

  public Future<CommandRow> create(String accountSid, NewCommand request) {
    try {
      check(request);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    return pool.withTransaction(tx -> {
      CommandRepository commands = new CommandRepository(tx);
      return commands.lockTarget(accountSid, request.sim()).compose(found -> {
        CommandTarget sim = found.orElseThrow(() -> ApiException.of(ErrorCode.SIM_NOT_FOUND,
            "No SIM '" + request.sim() + "' exists on this account"));
        if (!sim.reachable()) {
          throw ApiException.of(ErrorCode.CONFIGURATION_INCOMPLETE,
              "Commands can only be sent to a SIM that is ready or active; this SIM is " + sim.status());
        }
        if (!sim.messagingAllowed()) {
          throw ApiException.of(ErrorCode.NOT_PERMITTED, "The SIM's rate plan does not allow messaging");
        }
        return commands.countQueued(sim.sid()).compose(queued -> {
          if (queued >= MAX_QUEUED_PER_SIM) {
            throw ApiException.of(ErrorCode.TOO_MANY_COMMANDS,
                MAX_QUEUED_PER_SIM + " Commands are already queued for this SIM; wait until some are sent");
          }
          return commands.insert(newRow(accountSid, sim, request));
        }).compose(row -> CommandJobRepository.enqueue(tx, row.id(), CommandJob.SEND, Duration.ZERO)
            .compose(v -> usage.countCommand(tx, accountSid, sim.sid(), CommandRow.TO_SIM, "home", "",
                OffsetDateTime.now(ZoneOffset.UTC)))
            .map(row));
      });
    });
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
        : Sids.looksLike("DE", sim) ? Future.succeededFuture(Optional.of(CommandRepository.normal(sim)))
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

  private static CommandRow newRow(String accountSid, CommandTarget sim, NewCommand request) {
    String sid = Sids.newSid("DC");
    return new CommandRow(0, sid, accountSid, sim.sid(), request.command(),
        CommandPayload.overTheAir(request.command(), request.includeSid(), sid), request.mode(), "sms",
        request.receiptRequested(), CommandRow.QUEUED, CommandRow.TO_SIM, request.callbackUrl(),
        request.callbackMethod(), null, null, null, null);
  }
}
