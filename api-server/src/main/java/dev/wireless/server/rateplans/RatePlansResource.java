package dev.wireless.server.rateplans;

import dev.wireless.server.api.RatePlansApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.DataLimitStrategy;
import dev.wireless.server.model.DataMetering;
import dev.wireless.server.model.HttpMethod;
import dev.wireless.server.model.InternationalRoamingFeature;
import dev.wireless.server.model.ListRatePlanResponse;
import dev.wireless.server.model.RatePlan;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;

/** RatePlans over HTTP: maps API models to the service and back, and picks each status code. */
public final class RatePlansResource implements RatePlansApi {

  private final RatePlanService service;

  public RatePlansResource(RatePlanService service) {
    this.service = service;
  }

  @Override
  public Future<Reply<RatePlan>> createRatePlan(CallContext call, String uniqueName, String friendlyName,
      Boolean dataEnabled, Integer dataLimit, DataMetering dataMetering, Boolean messagingEnabled,
      Boolean voiceEnabled, Boolean nationalRoamingEnabled, List<InternationalRoamingFeature> internationalRoaming,
      Integer nationalRoamingDataLimit, Integer internationalRoamingDataLimit, DataLimitStrategy dataLimitStrategy,
      String usageNotificationUrl, HttpMethod usageNotificationMethod) {
    NewRatePlan request = new NewRatePlan(uniqueName, friendlyName, dataEnabled, dataLimit,
        dataMetering == null ? null : dataMetering.getValue(), messagingEnabled, voiceEnabled, nationalRoamingEnabled,
        internationalRoaming == null ? null : internationalRoaming.stream().map(InternationalRoamingFeature::getValue).toList(),
        nationalRoamingDataLimit, internationalRoamingDataLimit,
        dataLimitStrategy == null ? null : dataLimitStrategy.getValue(),
        usageNotificationUrl,
        usageNotificationMethod == null ? null : usageNotificationMethod.getValue());
    return service.create(call.account(), request).map(plan -> Reply.created(toModel(call, plan)));
  }

  @Override
  public Future<Reply<RatePlan>> fetchRatePlan(CallContext call, String sid) {
    return service.fetch(call.account(), sid, call.path()).map(plan -> Reply.ok(toModel(call, plan)));
  }

  @Override
  public Future<Reply<ListRatePlanResponse>> listRatePlan(CallContext call, Integer pageSize, Integer page,
                                                          String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    return service.list(call.account(), request).map(result -> Reply.ok(new ListRatePlanResponse()
        .ratePlans(result.items().stream().map(plan -> toModel(call, plan)).toList())
        .meta(PageMetaBuilder.meta(call, "rate_plans", new LinkedHashMap<>(), request, result))));
  }

  @Override
  public Future<Reply<RatePlan>> updateRatePlan(CallContext call, String sid, String uniqueName, String friendlyName) {
    return service.rename(call.account(), sid, uniqueName, friendlyName, call.path())
        .map(plan -> Reply.ok(toModel(call, plan)));
  }

  @Override
  public Future<Reply<Void>> deleteRatePlan(CallContext call, String sid) {
    return service.delete(call.account(), sid, call.path()).map(v -> Reply.noContent());
  }

  static RatePlan toModel(CallContext call, RatePlanRow plan) {
    return new RatePlan()
        .sid(plan.sid())
        .uniqueName(plan.uniqueName())
        .accountSid(plan.accountSid())
        .friendlyName(plan.friendlyName())
        .dataEnabled(plan.dataEnabled())
        .dataMetering(plan.dataMetering())
        .dataLimit(plan.dataLimit())
        .messagingEnabled(plan.messagingEnabled())
        .voiceEnabled(plan.voiceEnabled())
        .nationalRoamingEnabled(plan.nationalRoamingEnabled())
        .nationalRoamingDataLimit(plan.nationalRoamingDataLimit())
        .internationalRoaming(plan.internationalRoaming())
        .internationalRoamingDataLimit(plan.internationalRoamingDataLimit())
        .dateCreated(Timestamps.api(plan.createdAt()))
        .dateUpdated(Timestamps.api(plan.updatedAt()))
        .url(call.url("/v1/RatePlans/" + plan.sid()))
        .usageNotificationUrl(plan.usageNotificationUrl() == null ? null : plan.usageNotificationUrl())
        .usageNotificationMethod(plan.usageNotificationMethod())
        .dataLimitStrategy(plan.dataLimitStrategy());
  }
}
