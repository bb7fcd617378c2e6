package dev.wireless.server.debugger;

import dev.wireless.callbacks.alerts.AlertFilter;
import dev.wireless.callbacks.alerts.AlertRedelivery;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.server.api.AlertsApi;
import dev.wireless.server.common.Timestamps;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.Alert;
import dev.wireless.server.model.AlertLogLevel;
import dev.wireless.server.model.CallbackAttempt;
import dev.wireless.server.model.ListAlertResponse;
import dev.wireless.server.paging.Page;
import dev.wireless.server.paging.PageMetaBuilder;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's Debugger over HTTP: alerts with the attempt history of the callback they are
 * about, and redelivery of a failed callback (same body, same idempotency token).
 */
public final class AlertsResource implements AlertsApi {

  private final AlertRepository alerts;
  private final AlertRedelivery redelivery;

  public AlertsResource(Pool pool, RetrySchedule schedule) {
    this.alerts = new AlertRepository(pool);
    this.redelivery = new AlertRedelivery(pool, schedule);
  }

  @Override
  public Future<Reply<ListAlertResponse>> listAlert(CallContext call, String resourceSid, AlertLogLevel logLevel,
      OffsetDateTime startDate, OffsetDateTime endDate, Integer pageSize, Integer page, String pageToken) {
    if (startDate != null && endDate != null && startDate.isAfter(endDate)) {
      throw ApiException.invalid("StartDate must not be after EndDate");
    }
    PageRequest request = PageRequest.of(pageSize, page, pageToken);
    AlertFilter filter = new AlertFilter(resourceSid, startDate, endDate, logLevel == null ? null : logLevel.getValue());
    Long boundary = request.token() == null ? null : request.token().boundary();
    return alerts.page(call.account(), filter, boundary, request.backwards(), request.size() + 1)
        .map(rows -> Page.of(rows, request, AlertRow::id))
        .map(result -> {
          Map<String, Object> filters = new LinkedHashMap<>();
          filters.put("ResourceSid", resourceSid);
          filters.put("LogLevel", logLevel == null ? null : logLevel.getValue());
          filters.put("StartDate", startDate);
          filters.put("EndDate", endDate);
          return Reply.ok(new ListAlertResponse()
              .alerts(result.items().stream().map(alert -> toModel(call, alert, List.of())).toList())
              .meta(PageMetaBuilder.meta(call, "alerts", filters, request, result)));
        });
  }

  @Override
  public Future<Reply<Alert>> fetchAlert(CallContext call, String sid) {
    return withAttempts(call, sid).map(Reply::ok);
  }

  @Override
  public Future<Reply<Alert>> redeliverAlert(CallContext call, String sid) {
    return alerts.find(call.account(), sid).compose(found -> {
      AlertRow alert = found.orElseThrow(() -> ApiException.notFound(call.path()));
      if (alert.deliveryId() == null) {
        throw ApiException.invalid("This alert is not about a callback; there is nothing to redeliver");
      }
      return redelivery.redeliver(call.account(), sid);
    }).compose(result -> {
      if (result.isEmpty()) {
        throw ApiException.notFound(call.path());
      }
      if (!result.get().started()) {
        throw ApiException.of(ErrorCode.CONFLICT, "The callback is " + result.get().state()
            + "; only a failed callback can be redelivered");
      }
      return withAttempts(call, sid).map(Reply::accepted);
    });
  }

  private Future<Alert> withAttempts(CallContext call, String sid) {
    return alerts.find(call.account(), sid).compose(found -> {
      AlertRow alert = found.orElseThrow(() -> ApiException.notFound(call.path()));
      Future<List<AttemptRow>> attempts = alert.deliveryId() == null ? Future.succeededFuture(List.of())
          : alerts.attempts(call.account(), alert.deliveryId());
      return attempts.map(list -> toModel(call, alert, list));
    });
  }

  private static Alert toModel(CallContext call, AlertRow alert, List<AttemptRow> attempts) {
    return new Alert()
        .sid(alert.sid())
        .accountSid(alert.accountSid())
        .resourceSid(alert.resourceSid())
        .errorCode(alert.errorCode())
        .logLevel(AlertLogLevel.fromValue(alert.logLevel()))
        .alertText(alert.alertText())
        .requestUrl(alert.requestUrl())
        .requestMethod(alert.requestMethod())
        .responseStatusCode(alert.responseStatusCode())
        .responseBody(alert.responseBody())
        .dateCreated(Timestamps.api(alert.createdAt()))
        .url(call.url("/v1/Alerts/" + alert.sid()))
        .attempts(attempts.stream().map(a -> new CallbackAttempt()
            .attempt(a.attemptNumber())
            .startedAt(Timestamps.api(a.startedAt()))
            .durationMs(a.durationMs())
            .responseStatusCode(a.httpStatus())
            .responseBody(a.responseBody())
            .error(a.error())).toList());
  }
}
