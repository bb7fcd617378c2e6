package dev.wireless.server.sims;

import dev.wireless.server.api.SimsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.HttpMethod;
import dev.wireless.server.model.ListSimResponse;
import dev.wireless.server.model.Sim;
import dev.wireless.server.model.SimLinks;
import dev.wireless.server.model.SimResetStatus;
import dev.wireless.server.model.SimStatus;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sims over HTTP: maps API models to the service and back. UpdateSim answers 202 when it started
 * a status change or connectivity reset, 200 for a field-only update.
 */
public final class SimsResource implements SimsApi {

  private final SimService service;

  public SimsResource(SimService service) {
    this.service = service;
  }

  @Override
  public Future<Reply<ListSimResponse>> listSim(CallContext call, SimStatus status, String iccid, String ratePlan,
                                                String eid, String simRegistrationCode, Integer pageSize, Integer page,
                                                String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    SimFilter filter = new SimFilter(status == null ? null : status.getValue(), iccid, null, false, eid,
        simRegistrationCode);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("Status", filter.status());
    filters.put("Iccid", iccid);
    filters.put("RatePlan", ratePlan);
    filters.put("EId", eid);
    filters.put("SimRegistrationCode", simRegistrationCode);
    return service.list(call.account(), filter, ratePlan, request).map(result -> Reply.ok(new ListSimResponse()
        .sims(result.items().stream().map(sim -> toModel(call, sim)).toList())
        .meta(PageMetaBuilder.meta(call, "sims", filters, request, result))));
  }

  @Override
  public Future<Reply<Sim>> fetchSim(CallContext call, String sid) {
    return service.fetch(call.account(), sid, call.path()).map(sim -> Reply.ok(toModel(call, sim)));
  }

  @Override
  public Future<Reply<Sim>> updateSim(CallContext call, String sid, String uniqueName, HttpMethod callbackMethod,
      String callbackUrl, String friendlyName, String ratePlan, SimStatus status, HttpMethod commandsCallbackMethod,
      String commandsCallbackUrl, HttpMethod smsFallbackMethod, String smsFallbackUrl, HttpMethod smsMethod, String smsUrl,
      HttpMethod voiceFallbackMethod, String voiceFallbackUrl, HttpMethod voiceMethod, String voiceUrl,
      SimResetStatus resetStatus, String accountSid) {
    SimUpdate request = new SimUpdate(uniqueName, text(callbackMethod), text(callbackUrl), friendlyName, ratePlan,
        status == null ? null : SimState.of(status.getValue()), text(commandsCallbackMethod), text(commandsCallbackUrl),
        text(smsFallbackMethod), text(smsFallbackUrl), text(smsMethod), text(smsUrl), text(voiceFallbackMethod),
        text(voiceFallbackUrl), text(voiceMethod), text(voiceUrl), resetStatus != null, accountSid);
    return service.update(call.account(), sid, request, call.path()).map(updated -> updated.accepted()
        ? Reply.accepted(toModel(call, updated.sim()))
        : Reply.ok(toModel(call, updated.sim())));
  }

  @Override
  public Future<Reply<Void>> deleteSim(CallContext call, String sid) {
    return service.delete(call.account(), sid, call.path()).map(v -> Reply.noContent());
  }

  static Sim toModel(CallContext call, SimRow sim) {
    String self = "/v1/Sims/" + sim.sid();
    return new Sim()
        .sid(sim.sid())
        .uniqueName(sim.uniqueName())
        .accountSid(sim.accountSid())
        .ratePlanSid(sim.ratePlanSid())
        .friendlyName(sim.friendlyName())
        .iccid(sim.iccid())
        .eId(sim.eid())
        .eid(sim.eid())
        .status(SimStatus.fromValue(sim.status()))
        .resetStatus(sim.resetStatus())
        .commandsCallbackUrl(sim.commandsCallbackUrl())
        .commandsCallbackMethod(HttpMethod.fromValue(sim.commandsCallbackMethod()))
        .smsFallbackMethod(HttpMethod.fromValue(sim.smsFallbackMethod()))
        .smsFallbackUrl(sim.smsFallbackUrl())
        .smsMethod(HttpMethod.fromValue(sim.smsMethod()))
        .smsUrl(sim.smsUrl())
        .voiceFallbackMethod(HttpMethod.fromValue(sim.voiceFallbackMethod()))
        .voiceFallbackUrl(sim.voiceFallbackUrl())
        .voiceMethod(HttpMethod.fromValue(sim.voiceMethod()))
        .voiceUrl(sim.voiceUrl())
        .dateCreated(Timestamps.api(sim.createdAt()))
        .dateUpdated(Timestamps.api(sim.updatedAt()))
        .url(call.url(self))
        .links(new SimLinks()
            .dataSessions(call.url(self + "/DataSessions"))
            .ratePlan(sim.ratePlanSid() == null ? null : call.url("/v1/RatePlans/" + sim.ratePlanSid()))
            .usageRecords(call.url(self + "/UsageRecords")))
        .ipAddress(sim.ipAddress());
  }


  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
