package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Successful attempts recorded many per statement, under the same guard as one completion. */
class DeliveredBatchTest extends DispatcherTestBase {

    @Test
    void everyAttemptOfABatchIsRecordedAndOnlyCurrentClaimsBecomeDelivered() {
        DeliveryRepository repository = new DeliveryRepository(pool);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add(enqueue(FAST_SCHEDULE, receiver.url("/b" + i)));
        }
        List<DeliveryRow> claimed = await(repository.claim("A", 5, Duration.ofMinutes(1)));
        // one of them is rescued meanwhile: its completion comes too late
        String lateToken = enqueue(FAST_SCHEDULE, receiver.url("/late"));
        DeliveryRow late = await(repository.claim("A", 1, Duration.ofMillis(1))).get(0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            List<DeliveryRow> rescued = await(repository.claim("B", 10, Duration.ofMinutes(1)));
            for (DeliveryRow row : rescued) {
                Attempt lost = DeliveryRepository.lostAttempt(row);
                await(repository.finish(row, "B", lost, Verdict.decide(lost, row.attemptNumber(), row.maxAttempts(),
                        RetrySchedule.parse(FAST_SCHEDULE), new SplittableRandom(1))));
            }
            return rescued.size() == 1 && rescued.get(0).rescued();
        });

        DeliveredBatch batch = new DeliveredBatch(pool, "A");
        Promise<List<Boolean>> results = Promise.promise();
        vertx.runOnContext(v -> { // as in the dispatcher: added on one context, the first written at once
            List<Future<Boolean>> recorded = new ArrayList<>();
            for (DeliveryRow row : claimed) {
                recorded.add(batch.add(row, Attempt.answered(Instant.now(), 4, row.url(), 204, "", null)));
            }
            recorded.add(batch.add(late, Attempt.answered(Instant.now(), 9, late.url(), 200, "ok", null)));
            Future.all(recorded).map(all -> all.<Boolean>list()).onComplete(results);
        });
        List<Boolean> current = await(results.future());

        assertEquals(List.of(true, true, true, true, true, false), current);
        for (String token : tokens) {
            assertEquals("delivered", state(token));
            assertNotNull(delivery(token).getOffsetDateTime("delivered_at"));
            List<AttemptRow> attempts = attempts(token);
            assertEquals(1, attempts.size());
            assertEquals(204, attempts.get(0).httpStatus());
            assertNull(attempts.get(0).error());
            assertEquals("A", attempts.get(0).dispatcher());
        }
        assertEquals("pending", state(lateToken));
        List<AttemptRow> lateAttempts = attempts(lateToken);
        assertEquals(2, lateAttempts.size());
        assertTrue(lateAttempts.get(1).error().contains(DeliveryRepository.LATE));
        await(batch.drained());
    }
}
