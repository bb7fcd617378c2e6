package dev.wireless.server.usage;

import dev.wireless.server.api.UsageRecordsApi;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.ListAccountUsageRecordResponse;
import dev.wireless.server.model.ListUsageRecordResponse;
import dev.wireless.server.model.UsageGranularity;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * UsageRecords over HTTP, per SIM and per account; {@code sim_sid} only on per-SIM records. Pages
 * are written by {@link UsageRecordJson} rather than built as model objects (see there why).
 */
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
        new AccountUsagePage(call.account(), result.items(),
            PageMetaBuilder.meta(call, "usage_records", filters(start, end, granularity), request, result))));
  }

  @Override
  public Future<Reply<ListUsageRecordResponse>> listUsageRecord(CallContext call, String simSid, OffsetDateTime start,
      OffsetDateTime end, UsageGranularity granularity, Integer pageSize, Integer page, String pageToken) {
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    UsageWindow window = service.window(start, end, granularity == null ? null : granularity.getValue());
    return service.sim(call.account(), simSid, call.path()).compose(sim ->
        service.simRecords(call.account(), sim.sid(), window, request).map(result -> Reply.ok(
            new SimUsagePage(sim.sid(), call.account(), result.items(),
                PageMetaBuilder.meta(call, "usage_records", filters(start, end, granularity), request, result)))));
  }

  private static Map<String, Object> filters(OffsetDateTime start, OffsetDateTime end, UsageGranularity granularity) {
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("Start", start);
    filters.put("End", end);
    filters.put("Granularity", granularity == null ? null : granularity.getValue());
    return filters;
  }
}
