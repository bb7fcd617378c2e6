package dev.wireless.server.rateplans;

import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import dev.wireless.persistence.DatabaseErrors.ReferenceViolationException;
import dev.wireless.server.common.Sids;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Rate plan rules: the documented defaults, unique names that are unique per account and never
 * SID-shaped, renaming as the only change after creation, and no deletion while a SIM uses the plan.
 */
public final class RatePlanService {

  static final int DEFAULT_DATA_LIMIT_MB = 1000;

  private final RatePlanRepository plans;

  public RatePlanService(RatePlanRepository plans) {
    this.plans = plans;
  }

  public Future<RatePlanRow> create(String accountSid, NewRatePlan request) {
    checkUniqueName(request.uniqueName());
    RatePlanRow plan = new RatePlanRow(0, Sids.newSid("WP"), accountSid, emptyToNull(request.uniqueName()),
        request.friendlyName(),
        orDefault(request.dataEnabled(), true),
        request.dataMetering() == null ? "payg" : request.dataMetering(),
        request.dataLimit() == null ? DEFAULT_DATA_LIMIT_MB : request.dataLimit(),
        orDefault(request.messagingEnabled(), true),
        orDefault(request.voiceEnabled(), false),
        orDefault(request.nationalRoamingEnabled(), true),
        request.nationalRoamingDataLimit(),
        request.internationalRoaming() == null ? List.of()
            : List.copyOf(new LinkedHashSet<>(request.internationalRoaming())),
        request.internationalRoamingDataLimit(),
        request.dataLimitStrategy() == null ? "block" : request.dataLimitStrategy(),
        request.usageNotificationUrl(),
        request.usageNotificationMethod() == null ? "POST" : request.usageNotificationMethod(),
        null, null);
    return plans.insert(plan).recover(e -> Future.failedFuture(translate(e, request.uniqueName())));
  }

  public Future<RatePlanRow> fetch(String accountSid, String key, String path) {
    return plans.find(accountSid, key).map(found -> found.orElseThrow(() -> ApiException.notFound(path)));
  }

  public Future<Page<RatePlanRow>> list(String accountSid, PageRequest request) {
    return plans.page(accountSid, request).map(rows -> Page.of(rows, request, RatePlanRow::id));
  }

  /** Changes only the names given; an empty UniqueName removes it. */
  public Future<RatePlanRow> rename(String accountSid, String key, String uniqueName, String friendlyName,
                                    String path) {
    checkUniqueName(uniqueName);
    boolean clear = uniqueName != null && uniqueName.isEmpty();
    return fetch(accountSid, key, path)
        .compose(plan -> plans.rename(accountSid, plan.id(), clear ? null : uniqueName, clear, friendlyName))
        .map(updated -> updated.orElseThrow(() -> ApiException.notFound(path)))
        .recover(e -> Future.failedFuture(translate(e, uniqueName)));
  }

  public Future<Void> delete(String accountSid, String key, String path) {
    return fetch(accountSid, key, path)
        .compose(plan -> plans.delete(accountSid, plan.id()))
        .<Void>map(deleted -> {
          if (!deleted) {
            throw ApiException.notFound(path);
          }
          return null;
        })
        .recover(e -> Future.failedFuture(e instanceof ReferenceViolationException
            ? ApiException.of(ErrorCode.RATE_PLAN_IN_USE,
                "The Rate Plan is assigned to one or more SIMs; move them to another plan first")
            : e));
  }

  private static void checkUniqueName(String uniqueName) {
    if (uniqueName != null && Sids.looksLike("WP", uniqueName)) {
      throw ApiException.invalid("UniqueName must not look like a Rate Plan SID");
    }
  }

  private static Throwable translate(Throwable failure, String uniqueName) {
    if (failure instanceof DuplicateKeyException) {
      return ApiException.withStatus(ErrorCode.INVALID_PARAMETER, 409,
          "UniqueName '" + uniqueName + "' is already used by another Rate Plan on this account");
    }
    return failure;
  }

  private static boolean orDefault(Boolean value, boolean fallback) {
    return value == null ? fallback : value;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
