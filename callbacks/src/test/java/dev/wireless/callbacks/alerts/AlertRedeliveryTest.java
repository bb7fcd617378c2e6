package dev.wireless.callbacks.alerts;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.TestDatabase;
import dev.wireless.callbacks.testing.TestReceiver.Received;
import dev.wireless.callbacks.testing.TestReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A failed callback is redelivered from its alert: new attempt series, same token, same bytes. */
class AlertRedeliveryTest extends DispatcherTestBase {

    private static final String SCHEDULE = "0ms,10ms";

    @Test
    void redeliveryStartsAFreshSeriesWithTheSameIdempotencyToken() {
        receiver.otherwise(Reply.status(500, "down"));
        deploy(settings(SCHEDULE));
        String token = enqueue(SCHEDULE, receiver.url("/recovering"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(token), equalTo("failed"));
        AlertRow alert = await(new AlertRepository(pool).page(account, AlertFilter.none(), null, false, 1)).get(0);

        receiver.otherwise(Reply.status(204));
        AlertRedelivery redelivery = new AlertRedelivery(pool, RetrySchedule.parse(SCHEDULE));
        AlertRedelivery.Redelivery started = await(redelivery.redeliver(account, alert.sid())).orElseThrow();

        assertTrue(started.started());
        assertEquals(token, started.idempotencyToken());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> state(token), equalTo("delivered"));
        List<AttemptRow> history = attempts(token);
        assertEquals(List.of(1, 1, 2), history.stream().map(AttemptRow::series).toList());
        assertEquals(List.of(1, 2, 1), history.stream().map(AttemptRow::attemptNumber).toList());
        assertEquals(List.of(500, 500, 204), history.stream().map(AttemptRow::httpStatus).toList());
        List<Received> requests = receiver.requests();
        assertEquals(3, requests.size());
        requests.forEach(r -> {
            assertEquals(token, r.header("kore-idempotency-token"));
            assertArrayEquals(requests.get(0).body(), r.body());
        });

        AlertRedelivery.Redelivery again = await(redelivery.redeliver(account, alert.sid())).orElseThrow();
        assertFalse(again.started(), "a delivered callback is not sent again");
        assertEquals("delivered", again.state());
    }

    @Test
    void anotherAccountCannotRedeliverAndUnknownAlertsAreEmpty() {
        AlertRepository alerts = new AlertRepository(pool);
        String token = enqueue(SCHEDULE, receiver.url("/x"));
        long deliveryId = delivery(token).getLong("id");
        AlertRow alert = await(alerts.insert(AlertRow.newAlert(account, "DE1", 11200, AlertRow.ERROR, "Msg=x", null,
                null, null, null, null, deliveryId)));
        AlertRedelivery redelivery = new AlertRedelivery(pool, RetrySchedule.parse(SCHEDULE));

        assertEquals(Optional.empty(), await(redelivery.redeliver(TestDatabase.newAccount(pool, null), alert.sid())));
        assertEquals(Optional.empty(), await(redelivery.redeliver(account, "NO" + "0".repeat(32))));
        AlertRedelivery.Redelivery pending = await(redelivery.redeliver(account, alert.sid())).orElseThrow();
        assertFalse(pending.started(), "a pending delivery is left alone");
        assertEquals("pending", pending.state());
    }
}
