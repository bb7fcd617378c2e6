package dev.wireless.server.usage;

import dev.wireless.server.api.UsageRecordsApi;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.ListAccountUsageRecordResponse;
import dev.wireless.server.model.ListUsageRecordResponse;
import dev.wireless.server.model.SimUsageRecord;
import dev.wireless.server.model.UsageGranularity;
import dev.wireless.server.model.UsagePeriod;
import dev.wireless.server.model.UsageRecord;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** UsageRecords over HTTP, per SIM and per account; {@code sim_sid} only on per-SIM records. */
public final class UsageRecordsResource implements UsageRecordsApi {

  private final UsageService service;

  public UsageRecordsResource(UsageService service) {
    this.service = service;
  }

  @Override
  public Future<Reply<ListAccountUsageRecordResponse>> listAccountUsageRecord(CallContext call, OffsetDateTime start,
      OffsetDateTime end, UsageGranularity granularity, Integer pageSize, Integer page, String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    UsageWindow window = service.window(start, end, granularity == null ? null : granularity.getValue());
    return service.accountRecords(call.account(), window, request).map(result -> Reply.ok(
        new ListAccountUsageRecordResponse()
            .usageRecords(result.items().stream().map(r -> new UsageRecord().accountSid(call.account())
                .period(period(r)).data(UsageRecordTree.data(r.cells()))
                .commands(UsageRecordTree.commands(r.cells()))).toList())
            .meta(PageMetaBuilder.meta(call, "usage_records", filters(start, end, granularity), request, result))));
  }

  @Override
  public Future<Reply<ListUsageRecordResponse>> listUsageRecord(CallContext call, String simSid, OffsetDateTime start,
      OffsetDateTime end, UsageGranularity granularity, Integer pageSize, Integer page, String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    UsageWindow window = service.window(start, end, granularity == null ? null : granularity.getValue());
    return service.sim(call.account(), simSid, call.path()).compose(sim ->
        service.simRecords(call.account(), sim.sid(), window, request).map(result -> Reply.ok(
            new ListUsageRecordResponse()
                .usageRecords(result.items().stream().map(r -> new SimUsageRecord().simSid(sim.sid())
                    .accountSid(call.account()).period(period(r)).data(UsageRecordTree.data(r.cells()))
                    .commands(UsageRecordTree.commands(r.cells()))).toList())
                .meta(PageMetaBuilder.meta(call, "usage_records", filters(start, end, granularity), request,
                    result)))));
  }

  private static UsagePeriod period(UsageService.UsageRecordRow r) {
    return new UsagePeriod().start(r.start()).end(r.end());
  }

  private static Map<String, Object> filters(OffsetDateTime start, OffsetDateTime end, UsageGranularity granularity) {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("Start", start);
    filters.put("End", end);
    filters.put("Granularity", granularity == null ? null : granularity.getValue());
    return filters;
  }
}
