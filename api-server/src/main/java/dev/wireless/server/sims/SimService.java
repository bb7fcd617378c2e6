package dev.wireless.server.sims;

import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.callbacks.delivery.CallbackUrls;
import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import dev.wireless.server.common.Sids;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageRequest;
import dev.wireless.server.rateplans.RatePlanRepository;
import dev.wireless.server.rateplans.RatePlanRow;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Field;

/**
 * SIM rules. Field-only updates are synchronous; a Status change or connectivity reset marks the
 * SIM ({@code updating} / {@code resetting}) and writes its provisioning job in the same
 * transaction, under the SIM's row lock, so of concurrent changes exactly one is accepted.
 */
public final class SimService {

  /** The SIM after an update, and whether asynchronous work was accepted (202) or not (200). */
  public record Updated(SimRow sim, boolean accepted) {
  }

  /** The rate plan a request leaves the SIM on: whether it names one, its id and its data metering. */
  private record PlanChoice(boolean given, Long id, String dataMetering) {
  }

  private final Pool pool;
  private final SimRepository sims;

  public SimService(Pool pool) {
    this.pool = pool;
    this.sims = new SimRepository(pool);
  }

  public Future<SimRow> fetch(String accountSid, String key, String path) {
    return sims.find(accountSid, key).map(found -> found.orElseThrow(() -> ApiException.notFound(path)));
  }

  public Future<Page<SimRow>> list(String accountSid, SimFilter filter, String ratePlan, PageRequest request) {
    Future<SimFilter> resolved = ratePlan == null ? Future.succeededFuture(filter)
        : new RatePlanRepository(pool).find(accountSid, ratePlan).map(plan -> new SimFilter(filter.status(),
            filter.iccid(), plan.map(RatePlanRow::id).orElse(null), plan.isEmpty(), filter.eid(),
            filter.registrationCode()));
    return resolved.compose(f -> sims.page(accountSid, f, request)).map(rows -> Page.of(rows, request, SimRow::id));
  }

  public Future<Updated> update(String caller, String key, SimUpdate request, String path) {
    if (request.callbackUrl() != null) {
      Optional<String> bad = CallbackUrls.validate(request.callbackUrl());
      if (bad.isPresent()) {
        return Future.failedFuture(ApiException.of(ErrorCode.INVALID_CALLBACK_URL, "CallbackUrl: " + bad.get()));
      }
    }
    if (request.uniqueName() != null && Sids.looksLike("DE", request.uniqueName())) {
      return Future.failedFuture(ApiException.invalid("UniqueName must not look like a SIM SID"));
    }
    return pool.<Updated>withTransaction(tx -> new SimRepository(tx).lock(caller, key).compose(found -> {
      SimRow sim = found.orElseThrow(() -> ApiException.notFound(path));
      return owner(tx, sim, request).compose(owner -> plan(tx, owner, sim, request)
          .compose(plan -> apply(tx, sim, request, owner, plan)));
    })).recover(e -> Future.failedFuture(translate(e, request)));
  }

  /** Deletes a SIM that cannot be on the network ({@code new}, {@code deactivated}, {@code canceled}). */
  public Future<Void> delete(String accountSid, String key, String path) {
    return pool.withTransaction(tx -> {
      SimRepository sims = new SimRepository(tx);
      return sims.lock(accountSid, key).compose(found -> {
        SimRow sim = found.orElseThrow(() -> ApiException.notFound(path));
        if (sim.state().connected() || sim.resetStatus() != null) {
          throw ApiException.of(ErrorCode.SIM_CONNECTED, "The SIM is " + sim.status()
              + " and may be connected; deactivate it before deleting it");
        }
        return sims.delete(accountSid, sim.id()).mapEmpty();
      });
    });
  }

  private Future<String> owner(SqlClient tx, SimRow sim, SimUpdate request) {
    String target = request.accountSid();
    if (target == null || target.equalsIgnoreCase(sim.accountSid())) {
      return Future.succeededFuture(sim.accountSid());
    }
    return new SimRepository(tx).parentOf(target).map(parent -> {
      SimLifecycle.checkAccountMove(sim.state(), parent.filter(sim.accountSid()::equals).isPresent());
      return target;
    });
  }

  private Future<PlanChoice> plan(SqlClient tx, String owner, SimRow sim, SimUpdate request) {
    boolean moving = !owner.equals(sim.accountSid());
    if (request.ratePlan() == null) {
      if (moving) {
        return Future.succeededFuture(new PlanChoice(true, null, null));
      }
      if (request.status() == null || sim.ratePlanSid() == null) {
        return Future.succeededFuture(new PlanChoice(false, null, null));
      }
      // a status change keeps the current plan, whose data metering decides whether it may activate
      return new RatePlanRepository(tx).find(owner, sim.ratePlanSid())
          .map(plan -> new PlanChoice(false, null, plan.map(RatePlanRow::dataMetering).orElse(null)));
    }
    if (request.ratePlan().isEmpty()) {
      return Future.succeededFuture(new PlanChoice(true, null, null));
    }
    return new RatePlanRepository(tx).find(owner, request.ratePlan()).map(found -> {
      RatePlanRow plan = found.orElseThrow(() -> ApiException.of(ErrorCode.RATE_PLAN_NOT_FOUND,
          "Rate Plan '" + request.ratePlan() + "' was not found on the account"));
      return new PlanChoice(true, plan.id(), plan.dataMetering());
    });
  }

  private Future<Updated> apply(SqlClient tx, SimRow sim, SimUpdate request, String owner, PlanChoice plan) {
    SimState current = sim.state();
    if (request.resetConnectivity()) {
      SimLifecycle.checkReset(current, sim.resetStatus() != null, request.status() != null);
    }
    if (plan.given() && !Objects.equals(plan.id(), sim.ratePlanId())) {
      SimLifecycle.checkRatePlanChange(current, plan.id() == null, request.status());
    }
    Long planAfter = plan.given() ? plan.id() : sim.ratePlanId();
    Optional<SimState> target = request.status() == null ? Optional.empty()
        : SimLifecycle.checkStatusChange(current, request.status(), planAfter != null);
    SimLifecycle.checkDataMetering(current, target, plan.given() && !Objects.equals(plan.id(), sim.ratePlanId()),
        plan.dataMetering());
    Map<Field<?>, Object> changes = SimChanges.fields(request);
    if (plan.given()) {
      changes.put(SIMS.RATE_PLAN_ID, plan.id());
    }
    if (!owner.equals(sim.accountSid())) {
      changes.put(SIMS.ACCOUNT_SID, owner);
    }
    Future<?> job = Future.succeededFuture();
    ProvisioningJobRepository jobs = new ProvisioningJobRepository(tx);
    if (target.isPresent()) {
      changes.put(SIMS.STATUS, SimState.UPDATING.value());
      job = jobs.cancelTimers(sim.id()).compose(v -> jobs.enqueue(ProvisioningJob.of(sim.id(), owner, ProvisioningJob.STATUS, ProvisioningJob.REQUEST, target.get().value(), current.value(),
          request.callbackUrl(), request.callbackMethod()), Duration.ZERO));
    } else if (request.resetConnectivity()) {
      changes.put(SIMS.RESET_STATUS, "resetting");
      job = jobs.enqueue(ProvisioningJob.of(sim.id(), owner, ProvisioningJob.RESET,
          ProvisioningJob.REQUEST, null, current.value(), request.callbackUrl(), request.callbackMethod()),
          Duration.ZERO);
    }
    boolean accepted = target.isPresent() || request.resetConnectivity();
    return job.compose(v -> new SimRepository(tx).update(sim.id(), changes)).map(updated -> new Updated(updated, accepted));
  }

  private static Throwable translate(Throwable failure, SimUpdate request) {
    if (failure instanceof DuplicateKeyException duplicate) {
      if (duplicate.constraint() != null && duplicate.constraint().startsWith("provisioning_jobs")) {
        return ApiException.of(ErrorCode.CONFLICTING_UPDATE, "Another change of this SIM is in progress");
      }
      return ApiException.withStatus(ErrorCode.INVALID_PARAMETER, 409,
          "UniqueName '" + request.uniqueName() + "' is already used by another SIM on this account");
    }
    return failure;
  }

  /** Fills a changes map with the plain fields a request sets. */
  static final class SimChanges {
    private SimChanges() {
    }

    static Map<Field<?>, Object> fields(SimUpdate r) {
      Map<Field<?>, Object> changes = new HashMap<>();
      if (r.uniqueName() != null) {
        changes.put(SIMS.UNIQUE_NAME, r.uniqueName().isEmpty() ? null : r.uniqueName());
      }
      put(changes, SIMS.FRIENDLY_NAME, r.friendlyName());
      put(changes, SIMS.COMMANDS_CALLBACK_URL, r.commandsCallbackUrl());
      put(changes, SIMS.COMMANDS_CALLBACK_METHOD, r.commandsCallbackMethod());
      put(changes, SIMS.SMS_URL, r.smsUrl());
      put(changes, SIMS.SMS_METHOD, r.smsMethod());
      put(changes, SIMS.SMS_FALLBACK_URL, r.smsFallbackUrl());
      put(changes, SIMS.SMS_FALLBACK_METHOD, r.smsFallbackMethod());
      put(changes, SIMS.VOICE_URL, r.voiceUrl());
      put(changes, SIMS.VOICE_METHOD, r.voiceMethod());
      put(changes, SIMS.VOICE_FALLBACK_URL, r.voiceFallbackUrl());
      put(changes, SIMS.VOICE_FALLBACK_METHOD, r.voiceFallbackMethod());
      return changes;
    }

    private static void put(Map<Field<?>, Object> changes, Field<String> field, String value) {
      if (value != null) {
        changes.put(field, value);
      }
    }
  }
}
