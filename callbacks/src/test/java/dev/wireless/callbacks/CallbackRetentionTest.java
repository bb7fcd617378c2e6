package dev.wireless.callbacks;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.callbacks.testing.DispatcherTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The outbox stays bounded: delivered callbacks older than the retention go with their attempts;
 * recent ones, unfinished ones, failed ones and any an alert points to stay.
 */
class CallbackRetentionTest extends DispatcherTestBase {

    private final CallbackOutbox outbox = new CallbackOutbox(RetrySchedule.parse("0s,1m"));

    @Test
    void deliveredCallbacksOlderThanTheRetentionArePurgedWithTheirAttempts() {
        Map<String, Long> rows = new TreeMap<>();
        for (String name : List.of("old-delivered", "old-delivered-2", "recent-delivered", "old-failed",
                "old-delivered-with-alert", "old-pending")) {
            String token = await(pool.withTransaction(tx -> outbox.enqueue(tx, new CallbackRequest(account,
                    "DC" + "1".repeat(32), CallbackKind.COMMAND_STATUS, "https://example.com/" + name, "POST",
                    CallbackRequest.form().add("Status", "delivered").toList()))));
            rows.put(name, value("select id from callback_deliveries where idempotency_token = '" + token + "'"));
            sql("insert into callback_attempts (delivery_id, series, attempt_number, dispatcher, request_url, started_at, "
                    + "duration_ms, http_status) values (" + rows.get(name) + ", 1, 1, 'test', 'https://example.com', now(), 5, 200)");
        }
        delivered(rows.get("old-delivered"), "40 days");
        delivered(rows.get("old-delivered-2"), "31 days");
        delivered(rows.get("recent-delivered"), "29 days");
        delivered(rows.get("old-delivered-with-alert"), "40 days");
        sql("update callback_deliveries set state = 'failed', created_at = now() - interval '90 days' where id = "
                + rows.get("old-failed"));
        sql("update callback_deliveries set created_at = now() - interval '90 days' where id = " + rows.get("old-pending"));
        sql("insert into alerts (sid, account_sid, error_code, log_level, alert_text, delivery_id) values ('NO"
                + "2".repeat(32) + "', '" + account + "', 11200, 'error', 'redelivered later', "
                + rows.get("old-delivered-with-alert") + ")");

        CallbackRetention retention = new CallbackRetention(vertx, pool, Duration.ofDays(30), Duration.ofHours(1));
        assertEquals(2, await(retention.purge()));

        List<Long> kept = new ArrayList<>(List.of(rows.get("recent-delivered"), rows.get("old-failed"),
                rows.get("old-delivered-with-alert"), rows.get("old-pending")));
        kept.sort(null);
        assertEquals(kept.toString(), ids("select id from callback_deliveries order by id"));
        assertEquals(kept.toString(), ids("select delivery_id from callback_attempts order by delivery_id"));
        assertEquals(0, await(retention.purge()), "nothing more to purge");
    }

    private void delivered(long id, String ago) {
        sql("update callback_deliveries set state = 'delivered', delivered_at = now() - interval '" + ago + "' where id = "
                + id);
    }

    private void sql(String statement) {
        await(pool.query(statement).execute());
    }

    private long value(String query) {
        return await(pool.query(query).execute()).iterator().next().getLong(0);
    }

    private String ids(String query) {
        List<Long> ids = new ArrayList<>();
        await(pool.query(query).execute()).forEach(row -> ids.add(row.getLong(0)));
        return ids.toString();
    }
}
