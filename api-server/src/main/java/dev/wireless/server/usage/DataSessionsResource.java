package dev.wireless.server.usage;

import dev.wireless.server.api.DataSessionsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.CellLocationEstimate;
import dev.wireless.server.model.DataSession;
import dev.wireless.server.model.ListDataSessionResponse;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.util.Map;

/** A SIM's data sessions of the last 30 days, newest first. */
public final class DataSessionsResource implements DataSessionsApi {

  private final UsageService service;

  public DataSessionsResource(UsageService service) {
    this.service = service;
  }

  @Override
  public Future<Reply<ListDataSessionResponse>> listDataSession(CallContext call, String simSid, Integer pageSize,
                                                                Integer page, String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    return service.sim(call.account(), simSid, call.path()).compose(sim -> service.sessions(sim.id(), request))
        .map(result -> Reply.ok(new ListDataSessionResponse()
            .dataSessions(result.items().stream().map(DataSessionsResource::toModel).toList())
            .meta(PageMetaBuilder.meta(call, "data_sessions", Map.of(), request, result))));
  }

  static DataSession toModel(DataSessionRow s) {
    return new DataSession()
        .sid(s.sid())
        .simSid(s.simSid())
        .accountSid(s.accountSid())
        .radioLink(s.radioLink())
        .operatorMcc(s.operatorMcc())
        .operatorMnc(s.operatorMnc())
        .operatorCountry(s.operatorCountry())
        .operatorName(s.operatorName())
        .cellId(s.cellId())
        .cellLocationEstimate(new CellLocationEstimate().lat(decimal(s.cellLat())).lon(decimal(s.cellLon())))
        .packetsUploaded(s.packetsUp())
        .packetsDownloaded(s.packetsDown())
        .lastUpdated(Timestamps.api(s.lastUpdated()))
        .start(Timestamps.api(s.start()))
        .end(s.end() == null ? null : Timestamps.api(s.end()))
        .imei(s.imei());
  }

  private static BigDecimal decimal(Double value) {
    return value == null ? null : BigDecimal.valueOf(value);
  }
}
