package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarded state changes, driven directly: claims, rescues, late completions, hand-backs. */
class DeliveryRepositoryTest extends DispatcherTestBase {

    private final BiFunction<DeliveryRow, Attempt, Verdict> decide = (row, attempt) -> Verdict.decide(attempt,
            row.attemptNumber(), row.maxAttempts(), RetrySchedule.parse(FAST_SCHEDULE), new SplittableRandom(1));
    private DeliveryRepository repository;

    @BeforeEach
    void repository() {
        repository = new DeliveryRepository(pool);
    }

    @Test
    void concurrentClaimsNeverShareADelivery() {
        for (int i = 0; i < 20; i++) {
            enqueue(FAST_SCHEDULE, receiver.url("/c" + i));
        }
        List<List<DeliveryRow>> claims = await(Future.all(List.of(
                        repository.claim("A", 15, Duration.ofMinutes(1)),
                        repository.claim("B", 15, Duration.ofMinutes(1))))
                .map(all -> List.of(all.<List<DeliveryRow>>resultAt(0), all.<List<DeliveryRow>>resultAt(1))));
        Set<Long> ids = new HashSet<>();
        claims.forEach(rows -> rows.forEach(row -> assertTrue(ids.add(row.id()), "claimed twice: " + row.id())));
        assertEquals(20, ids.size());
        claims.get(0).forEach(row -> assertEquals(1, row.attemptNumber()));
    }

    @Test
    void aLateCompletionCannotOverwriteARescuedDelivery() {
        String token = enqueue(FAST_SCHEDULE, receiver.url("/late"));
        DeliveryRow claimed = await(repository.claim("A", 1, Duration.ofMillis(1))).get(0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rescue("B") == 1);
        assertEquals("pending", state(token));

        Attempt answered = Attempt.answered(Instant.now(), 7, claimed.url(), 200, "ok", null);
        boolean applied = await(repository.finish(claimed, "A", answered, decide.apply(claimed, answered)));

        assertFalse(applied);
        assertEquals("pending", state(token));
        List<AttemptRow> attempts = attempts(token);
        assertEquals(2, attempts.size());
        assertTrue(attempts.get(0).error().startsWith("lease expired"));
        assertEquals(200, attempts.get(1).httpStatus());
        assertTrue(attempts.get(1).error().contains(DeliveryRepository.LATE));
    }

    @Test
    void aCompletionOfAnEarlierClaimByTheSameOwnerIsRejected() {
        String token = enqueue(FAST_SCHEDULE, receiver.url("/again"));
        DeliveryRow firstClaim = await(repository.claim("A", 1, Duration.ofMillis(1))).get(0);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rescue("B") == 1);
        DeliveryRow secondClaim = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> await(repository.claim("A", 1, Duration.ofMinutes(1))), rows -> rows.size() == 1).get(0);
        assertEquals(2, secondClaim.attemptNumber(), "the rescued attempt counted as attempt 1");

        Attempt ok = Attempt.answered(Instant.now(), 3, firstClaim.url(), 200, "ok", null);
        assertFalse(await(repository.finish(firstClaim, "A", ok, decide.apply(firstClaim, ok))));
        assertTrue(await(repository.finish(secondClaim, "A", ok, decide.apply(secondClaim, ok))));
        assertEquals("delivered", state(token));
    }

    @Test
    void handingBackMakesTheDeliveryDueAgainWithoutCountingTheAttempt() {
        String token = enqueue(FAST_SCHEDULE, receiver.url("/back"));
        List<DeliveryRow> claimed = await(repository.claim("A", 5, Duration.ofMinutes(1)));

        assertEquals(0, await(repository.handBack("B", claimed)), "only the holder can hand back");
        assertEquals(1, await(repository.handBack("A", claimed)));

        assertEquals("pending", state(token));
        assertEquals(0, delivery(token).getInteger("attempt_count"));
        assertEquals(1, await(repository.claim("C", 5, Duration.ofMinutes(1))).get(0).attemptNumber());
    }

    /** A claim by {@code owner} that takes over expired leases, completed as the dispatcher does; how many it took over. */
    private int rescue(String owner) {
        List<DeliveryRow> rescued = await(repository.claim(owner, 10, Duration.ofMinutes(1))).stream()
                .filter(DeliveryRow::rescued).toList();
        for (DeliveryRow row : rescued) {
            Attempt lost = DeliveryRepository.lostAttempt(row);
            assertTrue(await(repository.finish(row, owner, lost, decide.apply(row, lost))));
        }
        return rescued.size();
    }
}
