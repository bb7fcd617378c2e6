package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.alerts.AlertFilter;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.TestReceiver.Received;
import dev.wireless.callbacks.testing.TestReceiver.Reply;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/** One dispatcher, one receiver on port 0: outcomes, retries, and the attempt history they leave. */
class DispatcherDeliveryTest extends DispatcherTestBase {

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }

    @Test
    void twoFailuresThenSuccessAreThreeRecordedAttemptsWithIdenticalBytes() {
        receiver.script(Reply.status(500, "first"), Reply.status(500, "second"), Reply.status(200, "third"));
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/status"));

        eventually().until(() -> state(token), equalTo("delivered"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(List.of(500, 500, 200), attempts.stream().map(AttemptRow::httpStatus).toList());
        assertEquals(List.of("first", "second", "third"), attempts.stream().map(AttemptRow::responseBody).toList());
        assertEquals(List.of(1, 2, 3), attempts.stream().map(AttemptRow::attemptNumber).toList());
        List<Received> requests = receiver.requests();
        assertEquals(3, requests.size());
        for (Received r : requests) {
            assertEquals(token, r.header("kore-idempotency-token"));
            assertArrayEquals(requests.get(0).body(), r.body());
        }
        assertNull(delivery(token).getString("last_error"));
    }

    @Test
    void retryAfterOn503IsHonoured() {
        receiver.script(Reply.withHeader(503, "Retry-After", "1"));
        deploy(settings("0ms,10ms,10ms"));
        String token = enqueue("0ms,10ms,10ms", receiver.url("/busy"));

        eventually().until(() -> state(token), equalTo("delivered"));

        List<Received> requests = receiver.requests();
        long gapMillis = Duration.ofNanos(requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos())
                .toMillis();
        assertTrue(gapMillis >= 950, "the retry waited " + gapMillis + " ms, not the second asked for");
        assertEquals(503, attempts(token).get(0).httpStatus());
    }

    @Test
    void aTimeoutIsRecordedAndRetried() {
        receiver.script(Reply.hold());
        deploy(settings(FAST_SCHEDULE).withTimeouts(Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(2000)));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/slow"));

        eventually().until(() -> state(token), equalTo("delivered"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(2, attempts.size());
        assertNull(attempts.get(0).httpStatus());
        assertTrue(attempts.get(0).error().startsWith("timeout"), attempts.get(0).error());
        assertTrue(attempts.get(0).durationMs() >= 290, "duration " + attempts.get(0).durationMs());
        assertEquals(200, attempts.get(1).httpStatus());
    }

    @Test
    void connectionRefusedIsRetriedUntilExhaustedThenFailsWithAnAlert() {
        var unused = await(vertx.createHttpServer().requestHandler(r -> { }).listen(0, "127.0.0.1"));
        int closedPort = unused.actualPort();
        await(unused.close());
        deploy(settings("0ms,10ms,10ms"));
        String token = enqueue("0ms,10ms,10ms", "http://127.0.0.1:" + closedPort + "/gone-away");

        eventually().until(() -> state(token), equalTo("failed"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(3, attempts.size());
        attempts.forEach(a -> assertTrue(a.error().startsWith("connection failed"), a.error()));
        AlertRow alert = onlyAlert();
        assertEquals(AlertRow.HTTP_RETRIEVAL_FAILURE, alert.errorCode());
        assertNull(alert.responseStatusCode());
        assertTrue(alert.alertText().contains("after+3+attempts"), alert.alertText());
    }

    @Test
    void exhaustedAttemptsFailTheDeliveryWithAnAlert11200() {
        receiver.otherwise(Reply.status(500, "boom"));
        deploy(settings("0ms,10ms,10ms"));
        String token = enqueue("0ms,10ms,10ms", receiver.url("/broken?x=1"));

        eventually().until(() -> state(token), equalTo("failed"));

        assertEquals(3, attempts(token).size());
        assertEquals(3, receiver.requests().size());
        AlertRow alert = onlyAlert();
        assertEquals(11200, alert.errorCode());
        assertEquals("error", alert.logLevel());
        assertEquals(receiver.url("/broken?x=1"), alert.requestUrl());
        assertEquals("POST", alert.requestMethod());
        assertEquals(delivery(token).getString("body"), alert.requestVariables());
        assertEquals(500, alert.responseStatusCode());
        assertEquals("boom", alert.responseBody());
        assertEquals(delivery(token).getLong("id"), alert.deliveryId());
        assertEquals("DE" + "a".repeat(32), alert.resourceSid());
        assertTrue(alert.sid().matches("NO[0-9a-f]{32}"));
        assertTrue(alert.alertText().startsWith("Msg=HTTP+retrieval+failure"), alert.alertText());
    }

    @Test
    void a410StopsRetryingAtOnce() {
        receiver.otherwise(Reply.status(410));
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/unsubscribed"));

        eventually().until(() -> state(token), equalTo("failed"));

        assertEquals(1, attempts(token).size());
        assertTrue(delivery(token).getString("last_error").contains("410"));
        assertEquals(410, onlyAlert().responseStatusCode());
    }

    private AlertRow onlyAlert() {
        List<AlertRow> alerts = onlyAlertList();
        assertEquals(1, alerts.size());
        return alerts.get(0);
    }

    private List<AlertRow> onlyAlertList() {
        return await(new AlertRepository(pool).page(account, AlertFilter.none(), null, false, 10));
    }
}
