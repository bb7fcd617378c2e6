package dev.wireless.callbacks;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.delivery.FormParameter;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The outbox is transactional with its producer: commit keeps the callback, rollback drops it. */
class CallbackOutboxTest extends DispatcherTestBase {

    private final CallbackOutbox outbox = new CallbackOutbox(RetrySchedule.parse("0s,1m,5m"));

    private CallbackRequest request(String url) {
        return new CallbackRequest(account, "HC" + "1".repeat(32), CallbackKind.COMMAND_STATUS, url, "post",
                CallbackRequest.form().add("CommandSid", "HC" + "1".repeat(32)).add("Status", "delivered")
                        .add("Absent", null).add("Text", "50% off & more").toList());
    }

    @Test
    void aCommittedCallbackIsStoredOnceWithItsRenderedBodyAndNotifiesDispatchers() {
        AtomicInteger notifications = new AtomicInteger();
        SqlConnection listener = await(pool.getConnection());
        PgConnection.cast(listener).notificationHandler(n -> notifications.incrementAndGet());
        await(listener.query("LISTEN callback_deliveries").execute());

        String token = await(pool.withTransaction(tx -> outbox.enqueue(tx, request("https://example.com/cb"))));

        Row row = delivery(token);
        assertEquals("pending", row.getString("state"));
        assertEquals("POST", row.getString("method"));
        assertEquals("command.status", row.getString("kind"));
        assertEquals("CommandSid=HC11111111111111111111111111111111&Status=delivered&Text=50%25+off+%26+more",
                row.getString("body"));
        assertEquals(3, row.getInteger("max_attempts"));
        assertEquals(0, row.getInteger("attempt_count"));
        assertTrue(token.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(notifications::get, equalTo(1));
        await(listener.close());
    }

    @Test
    void manyCallbacksAreStoredWithOneStatementEachWithItsOwnTokenAndBody() {
        AtomicInteger notifications = new AtomicInteger();
        SqlConnection listener = await(pool.getConnection());
        PgConnection.cast(listener).notificationHandler(n -> notifications.incrementAndGet());
        await(listener.query("LISTEN callback_deliveries").execute());
        CallbackRequest get = new CallbackRequest(account, "DE" + "2".repeat(32), CallbackKind.SIM_STATUS,
                "https://example.com/get?x=1", "GET", CallbackRequest.form().add("Status", "active").toList());

        List<String> tokens = await(pool.withTransaction(tx -> outbox.enqueueAll(tx,
                List.of(request("https://example.com/a"), get, request("https://example.com/c")))));

        assertEquals(3, tokens.size());
        assertEquals(3, tokens.stream().distinct().count());
        assertEquals("https://example.com/a", delivery(tokens.get(0)).getString("url"));
        Row second = delivery(tokens.get(1));
        assertEquals("GET", second.getString("method"));
        assertEquals("sim.status", second.getString("kind"));
        assertEquals("Status=active", second.getString("body"));
        assertEquals(3, second.getInteger("max_attempts"));
        assertEquals("CommandSid=HC11111111111111111111111111111111&Status=delivered&Text=50%25+off+%26+more",
                delivery(tokens.get(2)).getString("body"));
        assertEquals(List.of(), await(pool.withTransaction(tx -> outbox.enqueueAll(tx, List.of()))));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(notifications::get, equalTo(1));
        await(listener.close());
    }

    @Test
    void aRolledBackTransactionLeavesNoCallback() {
        RuntimeException businessFailure = new IllegalStateException("the state change failed");
        Throwable failure = await(pool.withTransaction(tx -> outbox.enqueue(tx, request("https://example.com/cb"))
                        .compose(token -> Future.<String>failedFuture(businessFailure)))
                .<Throwable>map(ok -> null).recover(Future::succeededFuture));

        assertEquals(businessFailure, failure);
        assertEquals(0, await(SqlExecutor.execute(pool, SQL.selectCount().from(CALLBACK_DELIVERIES)))
                .iterator().next().getInteger(0));
    }

    @Test
    void requestsAreCheckedBeforeTheyReachTheDatabase() {
        List<FormParameter> none = List.of();
        assertThrows(IllegalArgumentException.class,
                () -> new CallbackRequest(account, "DE1", "sim.status", "ftp://example.com", "POST", none));
        assertThrows(IllegalArgumentException.class,
                () -> new CallbackRequest(account, "DE1", "sim.status", "https://example.com", "PUT", none));
        assertThrows(IllegalArgumentException.class,
                () -> new CallbackRequest("AC123", "DE1", "sim.status", "https://example.com", "POST", none));
        assertThrows(IllegalArgumentException.class,
                () -> new CallbackRequest(account, "DE1", "Status", "https://example.com", "POST", none));
        assertEquals("GET", new CallbackRequest(account, "DE1", "sim.status", "https://example.com", "get", none)
                .method());
    }
}
