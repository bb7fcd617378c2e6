package dev.wireless.callbacks.alerts;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ALERTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.testing.DispatcherTestBase;
import dev.wireless.callbacks.testing.TestDatabase;
import dev.wireless.persistence.SqlExecutor;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Debugger's queries: filters, keyset pages, and account scoping. */
class AlertRepositoryTest extends DispatcherTestBase {

    private static final String SIM_A = "DE" + "a".repeat(32);
    private static final String SIM_B = "DE" + "b".repeat(32);
    private static final OffsetDateTime JAN = OffsetDateTime.of(2026, 1, 10, 12, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime FEB = OffsetDateTime.of(2026, 2, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    private AlertRepository alerts;
    private String otherAccount;

    @BeforeEach
    void alerts() {
        alerts = new AlertRepository(pool);
        otherAccount = TestDatabase.newAccount(pool, null);
        insert(account, SIM_A, AlertRow.ERROR, JAN);
        insert(account, SIM_B, AlertRow.WARNING, JAN);
        insert(account, SIM_A, AlertRow.ERROR, FEB);
        insert(account, SIM_A, AlertRow.NOTICE, FEB);
        insert(otherAccount, SIM_A, AlertRow.ERROR, FEB);
    }

    @Test
    void listsOnlyTheAccountsAlertsInIdOrderWithKeysetPages() {
        List<AlertRow> firstPage = await(alerts.page(account, AlertFilter.none(), null, false, 3));
        assertEquals(3, firstPage.size());
        assertTrue(firstPage.stream().allMatch(a -> a.accountSid().equals(account)));
        List<AlertRow> secondPage = await(alerts.page(account, AlertFilter.none(), firstPage.get(2).id(), false, 3));
        assertEquals(1, secondPage.size());
        assertTrue(secondPage.get(0).id() > firstPage.get(2).id());
        List<AlertRow> back = await(alerts.page(account, AlertFilter.none(), secondPage.get(0).id(), true, 2));
        assertEquals(List.of(firstPage.get(2).id(), firstPage.get(1).id()), back.stream().map(AlertRow::id).toList());
    }

    @Test
    void filtersByResourceLevelAndDateRange() {
        assertEquals(3, count(new AlertFilter(SIM_A, null, null, null)));
        assertEquals(2, count(new AlertFilter(null, null, null, AlertRow.ERROR)));
        assertEquals(2, count(new AlertFilter(null, null, FEB.minusDays(1), null)));
        assertEquals(2, count(new AlertFilter(null, FEB, null, null)), "the start is inclusive");
        assertEquals(0, count(new AlertFilter(null, null, JAN, null)), "the end is exclusive");
        assertEquals(1, count(new AlertFilter(SIM_A, FEB, FEB.plusDays(1), AlertRow.NOTICE)));
    }

    @Test
    void anotherAccountsAlertAndAttemptsAreNotFound() {
        AlertRow theirs = await(alerts.page(otherAccount, AlertFilter.none(), null, false, 10)).get(0);

        assertEquals(Optional.empty(), await(alerts.find(account, theirs.sid())));
        assertEquals(theirs, await(alerts.find(otherAccount, theirs.sid())).orElseThrow());

        String token = enqueue(FAST_SCHEDULE, receiver.url("/x"));
        long deliveryId = delivery(token).getLong("id");
        assertEquals(List.of(), await(alerts.attempts(otherAccount, deliveryId)));
    }

    private int count(AlertFilter filter) {
        return await(alerts.page(account, filter, null, false, 100)).size();
    }

    private void insert(String accountSid, String resourceSid, String level, OffsetDateTime createdAt) {
        AlertRow stored = await(alerts.insert(AlertRow.newAlert(accountSid, resourceSid, 11200, level,
                "Msg=test", "https://example.com/cb", "POST", "A=1", 500, "boom", null)));
        await(SqlExecutor.execute(pool, SQL.update(ALERTS).set(ALERTS.CREATED_AT, createdAt)
                .where(ALERTS.ID.eq(stored.id()))));
    }
}
