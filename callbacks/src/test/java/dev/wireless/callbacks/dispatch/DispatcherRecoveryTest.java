package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.TEST_BOX;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.SigningKeys;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.TestReceiver.Received;
import dev.wireless.callbacks.testing.TestReceiver.Reply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Dispatchers that stop at the worst moment: nothing is lost, and the history says what happened. */
class DispatcherRecoveryTest extends DispatcherTestBase {

    private static final Duration LEASE = Duration.ofMillis(1200);

    private static DispatcherSettings shortLease() {
        return settings(FAST_SCHEDULE).withTimeouts(Duration.ofMillis(500), Duration.ofMillis(1000), LEASE);
    }

    @Test
    void aDispatcherStoppedMidSendIsRescuedAfterItsLeaseAndTheCallbackDelivered() {
        receiver.script(Reply.hold());
        CallbackDispatcher first = new CallbackDispatcher(pool, shortLease(), new DatabaseSigningKeys(pool, TEST_BOX));
        String firstDeployment = deploy(first);
        String token = enqueue(FAST_SCHEDULE, receiver.url("/held"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests().size(), equalTo(1));

        undeploy(firstDeployment);
        Row stranded = delivery(token);
        assertEquals("running", stranded.getString("state"), "a request on the wire is not handed back");
        assertEquals(first.id(), stranded.getString("lease_owner"));

        CallbackDispatcher second = new CallbackDispatcher(pool, shortLease(), new DatabaseSigningKeys(pool, TEST_BOX));
        deploy(second);
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> state(token), equalTo("delivered"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(2, attempts.size());
        assertEquals(first.id(), attempts.get(0).dispatcher());
        assertNull(attempts.get(0).httpStatus());
        assertTrue(attempts.get(0).error().startsWith("lease expired"), attempts.get(0).error());
        assertTrue(attempts.get(0).durationMs() >= LEASE.toMillis() - 50, "" + attempts.get(0).durationMs());
        assertEquals(second.id(), attempts.get(1).dispatcher());
        assertEquals(200, attempts.get(1).httpStatus());
        List<Received> requests = receiver.requests();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).header("kore-idempotency-token"), requests.get(1).header("kore-idempotency-token"));
        assertArrayEquals(requests.get(0).body(), requests.get(1).body());
    }

    @Test
    void claimedButUnsentWorkIsHandedBackOnStopWithoutCountingAnAttempt() {
        Promise<Optional<String>> neverAnswered = Promise.promise();
        SigningKeys stuck = new SigningKeys() {
            @Override
            public Future<Optional<String>> twilioSigningKey(String accountSid) {
                return neverAnswered.future();
            }

            @Override
            public Future<Optional<String>> webhookSecret(String accountSid) {
                return Future.succeededFuture(Optional.empty());
            }
        };
        String firstDeployment = deploy(pool, shortLease().withTimeouts(Duration.ofMillis(500),
                Duration.ofMillis(1000), Duration.ofMinutes(5)), stuck);
        String token = enqueue(FAST_SCHEDULE, receiver.url("/later"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> state(token), equalTo("running"));

        undeploy(firstDeployment);
        Row handedBack = delivery(token);
        assertEquals("pending", handedBack.getString("state"));
        assertEquals(0, handedBack.getInteger("attempt_count"));
        assertNull(handedBack.getString("lease_owner"));

        deploy(shortLease());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> state(token), equalTo("delivered"));
        assertEquals(1, attempts(token).size());
        assertEquals(1, attempts(token).get(0).attemptNumber());
        assertEquals(1, receiver.requests().size());
    }
}
