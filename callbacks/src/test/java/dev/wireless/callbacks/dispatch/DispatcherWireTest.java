package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.alerts.AlertFilter;
import dev.wireless.callbacks.alerts.AlertRepository;
import dev.wireless.callbacks.alerts.AttemptRow;
import dev.wireless.callbacks.delivery.AddressPolicy;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.SignatureVerifier;
import dev.wireless.callbacks.testing.TestReceiver.Received;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

/** What the receiver sees: headers and signatures, GET query strings, the SSRF guard, NOTIFY latency. */
class DispatcherWireTest extends DispatcherTestBase {

    private static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
    }

    @Test
    void a200IsDeliveredInOneSignedAttempt() {
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, receiver.url("/status"));

        eventually().until(() -> state(token), equalTo("delivered"));

        List<AttemptRow> attempts = attempts(token);
        assertEquals(1, attempts.size());
        assertEquals(200, attempts.get(0).httpStatus());
        assertEquals("ok", attempts.get(0).responseBody());
        assertNull(attempts.get(0).error());
        Received request = receiver.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("application/x-www-form-urlencoded", request.header("Content-Type"));
        assertEquals(token, request.header("kore-idempotency-token"));
        assertEquals(token, request.header("I-Twilio-Idempotency-Token"));
        assertEquals("KoreProxy/1.1", request.header("User-Agent"));
        assertTrue(request.header("Date").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), request.header("Date"));
        assertEquals(delivery(token).getString("body"), request.bodyText());
        assertEquals(SignatureVerifier.expectedTwilio(SIGNING_KEY, receiver.url(request.uri()), request.bodyText()),
                request.header("X-Twilio-Signature"));
        assertEquals("", request.header("kore-signature"), "no webhook secret: the header is present and empty");
    }

    @Test
    void aPrivateAddressIsRefusedUnlessAllowListed() {
        String refusedDispatcher = deploy(settings(FAST_SCHEDULE).withAddressPolicy(
                AddressPolicy.fromSetting("")));
        String refused = enqueue(FAST_SCHEDULE, receiver.url("/internal"));

        eventually().until(() -> state(refused), equalTo("failed"));
        List<AttemptRow> attempts = attempts(refused);
        assertEquals(1, attempts.size(), "a refused address is not retried");
        assertTrue(attempts.get(0).error().contains("loopback address"), attempts.get(0).error());
        assertTrue(attempts.get(0).error().contains("allow-list"), attempts.get(0).error());
        assertEquals(0, receiver.requests().size());
        assertEquals(1, await(new AlertRepository(pool).page(account, AlertFilter.none(), null, false, 10)).size());

        undeploy(refusedDispatcher);
        deploy(settings(FAST_SCHEDULE));
        String allowed = enqueue(FAST_SCHEDULE, receiver.url("/internal"));
        eventually().until(() -> state(allowed), equalTo("delivered"));
    }

    @Test
    void getCarriesTheStoredBodyAsQueryAndSignsTheFullUrl() {
        deploy(settings(FAST_SCHEDULE));
        String token = enqueue(FAST_SCHEDULE, "GET", receiver.url("/get?fixed=1#cbs"),
                CallbackRequest.form().add("Status", "active").add("Sim Name", "a&b"));

        eventually().until(() -> state(token), equalTo("delivered"));

        Received request = receiver.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/get?fixed=1&Status=active&Sim+Name=a%26b", request.uri());
        assertEquals(0, request.body().length);
        assertEquals(SignatureVerifier.expectedTwilio(SIGNING_KEY, receiver.url(request.uri()), null),
                request.header("X-Twilio-Signature"));
        assertEquals(receiver.url(request.uri()), attempts(token).get(0).requestUrl());
    }

    @Test
    void aNotificationWakesTheDispatcherLongBeforeItsNextPoll() {
        DispatcherSettings slowPolling = new DispatcherSettings(
                RetrySchedule.parse(FAST_SCHEDULE), Duration.ofMillis(500),
                Duration.ofMillis(1000), Duration.ofMillis(2500), 50, Duration.ofSeconds(30),
                AddressPolicy.fromSetting("127.0.0.0/8"), "KoreProxy/1.1");
        deploy(slowPolling);
        long start = System.nanoTime();
        String token = enqueue(FAST_SCHEDULE, receiver.url("/fast"));

        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(5))
                .until(() -> receiver.requests().size(), equalTo(1));
        long millis = Duration.ofNanos(receiver.requests().get(0).receivedAtNanos() - start).toMillis();
        assertTrue(millis < 3000, "delivered " + millis + " ms after the commit");
        eventually().until(() -> state(token), equalTo("delivered"));
    }
}
