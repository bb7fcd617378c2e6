package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.TEST_BOX;
import static dev.wireless.callbacks.testing.TestDatabase.await;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_ATTEMPTS;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.CallbackKind;
import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.TestDatabase;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two dispatchers, each with its own Vert.x and pool as if on two nodes, share one outbox of
 * 2,000 callbacks: every callback arrives, and in this fault-free run none arrives twice.
 */
class TwoDispatchersLoadTest extends DispatcherTestBase {

    private static final Logger LOG = LoggerFactory.getLogger(TwoDispatchersLoadTest.class);
    private static final int CALLBACKS = 2_000;

    @Test
    void twoDispatchersDeliverEachOfTwoThousandCallbacksExactlyOnce() {
        long enqueueStart = System.nanoTime();
        Set<String> tokens = enqueueAll();
        long enqueueMillis = Duration.ofNanos(System.nanoTime() - enqueueStart).toMillis();

        Vertx otherNode = Vertx.vertx();
        Pool otherPool = TestDatabase.pool(otherNode, 8);
        try {
            CallbackDispatcher first = new CallbackDispatcher(pool, settings(FAST_SCHEDULE),
                    new DatabaseSigningKeys(pool, TEST_BOX));
            CallbackDispatcher second = new CallbackDispatcher(otherPool, settings(FAST_SCHEDULE),
                    new DatabaseSigningKeys(otherPool, TEST_BOX));
            long start = System.nanoTime();
            deploy(first);
            String secondDeployment = await(otherNode.deployVerticle(second));

            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(this::deliveredCount, equalTo(CALLBACKS));
            long deliverMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            LOG.info("enqueued {} callbacks in {} ms; two dispatchers delivered them in {} ms ({} per second)",
                    CALLBACKS, enqueueMillis, deliverMillis, CALLBACKS * 1000L / Math.max(1, deliverMillis));

            Map<String, AtomicInteger> counts = receiver.countsByToken();
            assertEquals(tokens, counts.keySet());
            counts.forEach((token, count) -> assertEquals(1, count.get(), "token " + token + " arrived twice"));
            assertEquals(CALLBACKS, attemptCount());
            assertTrue(attemptsBy(first.id()) > 0 && attemptsBy(second.id()) > 0, "both dispatchers took a share");
            await(otherNode.undeploy(secondDeployment));
        } finally {
            await(otherPool.close());
            await(otherNode.close());
        }
    }

    private Set<String> enqueueAll() {
        CallbackOutbox outbox = new CallbackOutbox(RetrySchedule.parse(FAST_SCHEDULE));
        Set<String> tokens = new HashSet<>();
        int perTransaction = 100;
        for (int batch = 0; batch < CALLBACKS / perTransaction; batch++) {
            int first = batch * perTransaction;
            tokens.addAll(await(pool.withTransaction(tx -> {
                List<Future<String>> enqueued = new ArrayList<>();
                for (int i = first; i < first + perTransaction; i++) {
                    enqueued.add(outbox.enqueue(tx, new CallbackRequest(account, String.format("DE%032x", i),
                            CallbackKind.SIM_STATUS, receiver.url("/load"), "POST",
                            CallbackRequest.form().add("SimSid", String.format("DE%032x", i)).add("N", i).toList())));
                }
                return Future.all(enqueued).map(all -> all.<String>list());
            })));
        }
        assertEquals(CALLBACKS, tokens.size());
        return tokens;
    }

    private int deliveredCount() {
        return await(SqlExecutor.execute(pool, SQL.selectCount().from(CALLBACK_DELIVERIES)
                .where(CALLBACK_DELIVERIES.STATE.eq("delivered")))).iterator().next().getInteger(0);
    }

    private int attemptCount() {
        return await(SqlExecutor.execute(pool, SQL.selectCount().from(CALLBACK_ATTEMPTS)))
                .iterator().next().getInteger(0);
    }

    private int attemptsBy(String dispatcher) {
        return await(SqlExecutor.execute(pool, SQL.selectCount().from(CALLBACK_ATTEMPTS)
                .where(CALLBACK_ATTEMPTS.DISPATCHER.eq(dispatcher))
)).iterator().next().getInteger(0);
    }
}
