package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.callbacks.delivery.FormBody;
import dev.wireless.callbacks.delivery.FormParameter;
import java.util.List;

/**
 * The Debugger alert for a delivery that failed for good: error 11200 (HTTP retrieval failure)
 * with what was sent and what came back last, linked to the delivery so it can be redelivered and
 * its attempts listed.
 *
 * <p>{@code alert_text} follows the shape Twilio uses for its own alerts, form-encoded pairs
 * ({@code Msg=…&ErrorCode=…&url=…}), so tools that parse Twilio alert texts keep working.
 */
final class FailureAlert {

    private FailureAlert() {
    }

    static AlertRow of(DeliveryRow delivery, Attempt last, Verdict verdict) {
        int attempts = delivery.attemptNumber();
        String message = "HTTP retrieval failure: the " + delivery.kind() + " callback was not accepted after "
                + attempts + (attempts == 1 ? " attempt" : " attempts") + "; last: " + verdict.lastError();
        String text = FormBody.encode(List.of(
                new FormParameter("Msg", message),
                new FormParameter("ErrorCode", String.valueOf(AlertRow.HTTP_RETRIEVAL_FAILURE)),
                new FormParameter("LogLevel", "ERROR"),
                new FormParameter("url", last.requestUrl()),
                new FormParameter("httpResponse", last.httpStatus() == null ? "" : last.httpStatus().toString())));
        return AlertRow.newAlert(delivery.accountSid(), delivery.resourceSid(), AlertRow.HTTP_RETRIEVAL_FAILURE,
                AlertRow.ERROR, text, last.requestUrl(), delivery.method(),
                delivery.method().equals("POST") ? delivery.body() : null,
                last.httpStatus(), CappedBody.truncate(last.responseBody()), delivery.id());
    }
}
