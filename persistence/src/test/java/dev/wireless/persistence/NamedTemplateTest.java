package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A named placeholder used twice takes one value, against a real, migrated Postgres. */
class NamedTemplateTest {

  private static TestDatabase database;
  private static Pool pool;

  @BeforeAll
  static void start() {
    database = TestDatabase.start();
    pool = database.pool();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void aRepeatedNameBecomesOnePlaceholderWithOneValue() {
    String sid = "AC" + "5".repeat(32);
    await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid)
        .set(ACCOUNTS.PRIMARY_TOKEN_HASH, sid.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    NamedTemplate twice = NamedTemplate.of(SQL.select(ACCOUNTS.SID).from(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(DSL.param("sid", String.class)))
        .and(ACCOUNTS.STATUS.eq(DSL.param("status", String.class)))
        .unionAll(SQL.select(ACCOUNTS.SID).from(ACCOUNTS).where(ACCOUNTS.SID.eq(DSL.param("sid", String.class)))));
    assertEquals(java.util.List.of("sid", "status"), twice.names());
    assertTrue(twice.sql().contains("$1") && twice.sql().contains("$2") && !twice.sql().contains("$3"), twice.sql());
    assertEquals(2, await(twice.execute(pool, Map.of("sid", sid, "status", "active"))).size());
    assertEquals(1, await(twice.execute(pool, Map.of("sid", sid, "status", "closed"))).size());
    assertThrows(IllegalArgumentException.class, () -> twice.execute(pool, Map.of("sid", sid)));
    assertThrows(IllegalArgumentException.class, () -> NamedTemplate.of(SQL.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(DSL.param(String.class)))));
  }
}
