package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseErrors.DatabaseUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link DatabaseTimeouts} reach Postgres, and what Postgres then refuses becomes
 * "unavailable" (503 upstream): a statement over {@code statement_timeout}, a write on a database
 * that refuses writes (remembered for readiness), a connection to nowhere within the connect timeout.
 */
class DatabaseTimeoutsTest {

  @Test
  void limitsReachTheServerAndRefusalsAreUnavailable() {
    try (TestDatabase database = TestDatabase.start()) {
      Vertx vertx = Vertx.vertx();
      DatabaseTimeouts timeouts = new DatabaseTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1));
      Pool pool = EventLoopPool.create(vertx, database.location().connectOptions(), 2, 1, timeouts);
      try {
        String setting = await(SqlExecutor.execute(pool, SQL.select(DSL.field("current_setting('statement_timeout')",
            String.class)))).iterator().next().getString(0);
        assertEquals("200ms", setting);

        Exception slow = assertThrows(Exception.class, () -> await(SqlExecutor.execute(pool,
            SQL.select(DSL.field("pg_sleep(1)")))));
        assertInstanceOf(DatabaseUnavailableException.class, slow.getCause().getCause(), slow.toString());

        Exception readOnly = assertThrows(Exception.class, () -> await(PipelinedTransaction.run(pool,
            tx -> tx.query("set transaction read only").execute()
                .compose(v -> SqlExecutor.execute(tx, SQL.query("create table refused (id int)"))))));
        assertInstanceOf(DatabaseUnavailableException.class, readOnly.getCause().getCause(), readOnly.toString());
        assertEquals("25006", WriteRefusals.within(Duration.ofSeconds(5)).orElseThrow().sqlState());

        DatabaseTimeouts quick = new DatabaseTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
        // a non-routable address: the connect neither succeeds nor fails by itself
        Pool nowhere = EventLoopPool.create(vertx, database.location().connectOptions().setHost("10.255.255.1"), 1, 1,
            quick);
        long started = System.nanoTime();
        Exception unreachable = assertThrows(Exception.class, () -> await(SqlExecutor.execute(nowhere, SQL.selectOne())));
        long took = (System.nanoTime() - started) / 1_000_000;
        assertInstanceOf(DatabaseUnavailableException.class, unreachable.getCause().getCause(), unreachable.toString());
        assertTrue(took < 5_000, "failed after " + took + " ms");
        await(nowhere.close());
      } finally {
        await(pool.close());
        await(vertx.close());
      }
    }
  }
}
