package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.TEST_BOX;
import static dev.wireless.callbacks.testing.TestDatabase.await;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.alerts.AlertFilter;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AlertRow;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.awaitility.Awaitility;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim is also the rescue: a delivery whose lease expired (its dispatcher died mid-send) is
 * taken over by the next claim of any dispatcher, which records the lost attempt and retries or
 * fails the delivery as after any failed attempt, without sending it in that claim.
 */
class ClaimRescueTest extends DispatcherTestBase {

    /** Claims through the repository and never completes: a dispatcher that died mid-send. */
    private static final String DEAD = "dispatcher-that-died";
    private static final String LOST_BY_DEAD = "lease expired: dispatcher " + DEAD + " stopped or stalled before "
            + "recording the outcome of this attempt (the receiver may have received it)";

    private DeliveryRepository repository;

    @BeforeEach
    void repository() {
        repository = new DeliveryRepository(pool);
    }

    @Test
    void theClaimTakesOverAnExpiredLeaseWithinItsLimitAndDoesNotCountTheLostAttemptTwice() {
        String stranded = enqueue(FAST_SCHEDULE, receiver.url("/stranded"));
        DeliveryRow lost = await(repository.claim(DEAD, 1, Duration.ofMillis(1))).get(0);
        String due = enqueue(FAST_SCHEDULE, receiver.url("/due"));
        String beyondLimit = enqueue(FAST_SCHEDULE, receiver.url("/beyond"));
        awaitExpiredLeases(1);

        List<DeliveryRow> claimed = await(repository.claim("B", 2, Duration.ofMinutes(1)));

        assertEquals(2, claimed.size(), "the rescued delivery counts toward the limit");
        DeliveryRow rescued = claimed.stream().filter(DeliveryRow::rescued).findFirst().orElseThrow();
        DeliveryRow fresh = claimed.stream().filter(row -> !row.rescued()).findFirst().orElseThrow();
        assertEquals(lost.id(), rescued.id());
        assertEquals(1, rescued.attemptNumber(), "the lost attempt, not a new one");
        assertEquals(DEAD, rescued.leaseOwner(), "who lost it");
        assertEquals(lost.attemptedAt(), rescued.attemptedAt(), "when the lost attempt started");
        assertEquals(delivery(due).getLong("id"), fresh.id());
        assertEquals(1, fresh.attemptNumber());
        Row held = delivery(stranded);
        assertEquals("running", held.getString("state"));
        assertEquals("B", held.getString("lease_owner"));
        assertEquals(1, held.getInteger("attempt_count"));
        assertEquals("pending", state(beyondLimit));

        Attempt lostAttempt = DeliveryRepository.lostAttempt(rescued);
        Verdict verdict = Verdict.decide(lostAttempt, rescued.attemptNumber(), rescued.maxAttempts(),
                RetrySchedule.parse(FAST_SCHEDULE), new SplittableRandom(1));
        assertEquals(Verdict.Outcome.RETRY, verdict.outcome());
        assertTrue(await(repository.finish(rescued, "B", lostAttempt, verdict)));

        Row retried = delivery(stranded);
        assertEquals("pending", retried.getString("state"));
        assertEquals(1, retried.getInteger("attempt_count"));
        assertNull(retried.getString("lease_owner"));
        List<AttemptRow> attempts = attempts(stranded);
        assertEquals(1, attempts.size());
        assertLost(attempts.get(0), 1, receiver.url("/stranded"));
        assertTrue(receiver.requests().isEmpty());
    }

    @Test
    void anotherDispatchersClaimTakesOverAnExpiredLeaseAndTheCallbackIsDelivered() {
        String token = enqueue(FAST_SCHEDULE, receiver.url("/taken-over"));
        await(repository.claim(DEAD, 1, Duration.ofMillis(1)));
        CallbackDispatcher other = new CallbackDispatcher(pool, settings(FAST_SCHEDULE),
                new DatabaseSigningKeys(pool, TEST_BOX));
        deploy(other);

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> state(token), equalTo("delivered"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(2, attempts.size());
        assertLost(attempts.get(0), 1, receiver.url("/taken-over"));
        assertEquals(2, attempts.get(1).attemptNumber());
        assertEquals(other.id(), attempts.get(1).dispatcher());
        assertEquals(200, attempts.get(1).httpStatus());
        assertEquals(1, receiver.requests().size(), "sent once, by the dispatcher that took it over");
    }

    @Test
    void aLostLastAttemptEndsFailedWithItsAlertAndIsNotSentAgain() {
        String schedule = "0ms,10ms";
        String token = enqueue(schedule, receiver.url("/never"));
        await(repository.claim(DEAD, 1, Duration.ofMillis(1)));
        awaitExpiredLeases(1);
        // the first lost attempt is retried: recorded, and the delivery due again after 10 ms
        DeliveryRow first = await(repository.claim("B", 10, Duration.ofMinutes(1))).get(0);
        assertTrue(first.rescued());
        Attempt firstLost = DeliveryRepository.lostAttempt(first);
        Verdict retry = Verdict.decide(firstLost, first.attemptNumber(), first.maxAttempts(),
                RetrySchedule.parse(schedule), new SplittableRandom(1));
        assertEquals(Verdict.Outcome.RETRY, retry.outcome());
        assertTrue(await(repository.finish(first, "B", firstLost, retry)));
        // its second and last attempt is lost too
        DeliveryRow last = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> await(repository.claim(DEAD, 1, Duration.ofMillis(1))), rows -> rows.size() == 1).get(0);
        assertFalse(last.rescued());
        assertEquals(2, last.attemptNumber());

        deploy(new CallbackDispatcher(pool, settings(schedule), new DatabaseSigningKeys(pool, TEST_BOX)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> state(token), equalTo("failed"));

        Row failed = delivery(token);
        assertEquals(2, failed.getInteger("attempt_count"));
        assertNull(failed.getString("lease_owner"));
        assertTrue(failed.getString("last_error").startsWith(LOST_BY_DEAD), failed.getString("last_error"));
        List<AttemptRow> attempts = attempts(token);
        assertEquals(2, attempts.size());
        assertLost(attempts.get(0), 1, receiver.url("/never"));
        assertLost(attempts.get(1), 2, receiver.url("/never"));
        List<AlertRow> alerts = await(new AlertRepository(pool).page(account, AlertFilter.none(), null, false, 10));
        assertEquals(1, alerts.size());
        assertEquals(AlertRow.HTTP_RETRIEVAL_FAILURE, alerts.get(0).errorCode());
        assertEquals(failed.getLong("id"), alerts.get(0).deliveryId());
        assertTrue(alerts.get(0).alertText().contains("after+2+attempts"), alerts.get(0).alertText());
        assertEquals(List.of(), receiver.requests(), "a lost last attempt is not sent again");
        assertEquals(List.of(), await(repository.claim("C", 10, Duration.ofMinutes(1))));
    }

    private static void assertLost(AttemptRow attempt, int number, String url) {
        assertEquals(number, attempt.attemptNumber());
        assertEquals(DEAD, attempt.dispatcher());
        assertEquals(url, attempt.requestUrl());
        assertNull(attempt.httpStatus());
        assertEquals(LOST_BY_DEAD, attempt.error());
    }

    private void awaitExpiredLeases(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> await(SqlExecutor.execute(pool,
                SQL.selectCount().from(CALLBACK_DELIVERIES)
                        .where(CALLBACK_DELIVERIES.STATE.eq("running"))
                        .and(CALLBACK_DELIVERIES.LEASE_EXPIRES_AT.lt(DSL.currentOffsetDateTime()))))
                .iterator().next().getInteger(0), equalTo(count));
    }
}
