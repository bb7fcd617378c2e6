package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jOOQ queries rendered with $n run on the reactive client against a real, migrated Postgres. */
class SqlExecutorTest {

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
  void rendersDollarPlaceholders() {
    String sql = SQL.renderNamedParams(SQL.selectFrom(ACCOUNTS).where(ACCOUNTS.SID.eq("x")).and(ACCOUNTS.STATUS.in("a", "b")));
    assertTrue(sql.contains("$1") && sql.contains("$2") && sql.contains("$3"), sql);
  }

  @Test
  void aTemplateIsRenderedOnceAndRunsWithFreshValuesEachTime() {
    String first = "AC" + "7".repeat(32);
    String second = "AC" + "8".repeat(32);
    for (String sid : new String[] {first, second}) {
      await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid)
          .set(ACCOUNTS.PRIMARY_TOKEN_HASH, sid.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }
    SqlExecutor.Template bySid = SqlExecutor.Template.of(SQL.select(ACCOUNTS.SID).from(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(org.jooq.impl.DSL.param(String.class))));
    assertTrue(bySid.sql().contains("$1") && !bySid.sql().contains("$2"), bySid.sql());
    assertEquals(first, await(bySid.execute(pool, first)).iterator().next().getString(0));
    assertEquals(second, await(bySid.execute(pool, second)).iterator().next().getString(0));
    assertEquals(0, await(bySid.execute(pool, "AC" + "9".repeat(32))).size());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> bySid.execute(pool));
  }

  @Test
  void aRepeatedNameInATemplateBecomesOnePlaceholderWithOneValue() {
    String sid = "AC" + "5".repeat(32);
    await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid)
        .set(ACCOUNTS.PRIMARY_TOKEN_HASH, sid.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    SqlExecutor.Template twice = SqlExecutor.Template.of(SQL.select(ACCOUNTS.SID).from(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(DSL.param("sid", String.class)))
        .and(ACCOUNTS.STATUS.eq(DSL.param("status", String.class)))
        .unionAll(SQL.select(ACCOUNTS.SID).from(ACCOUNTS).where(ACCOUNTS.SID.eq(DSL.param("sid", String.class)))));
    assertEquals(List.of("sid", "status"), twice.names());
    assertTrue(twice.sql().contains("$1") && twice.sql().contains("$2") && !twice.sql().contains("$3"), twice.sql());
    assertEquals(2, await(twice.execute(pool, Map.of("sid", sid, "status", "active"))).size());
    assertEquals(1, await(twice.execute(pool, Map.of("sid", sid, "status", "closed"))).size());
    assertThrows(IllegalArgumentException.class, () -> twice.execute(pool, Map.of("sid", sid)));
    assertThrows(IllegalArgumentException.class, () -> twice.execute(pool, sid, "active"));
    SqlExecutor.Template positional = SqlExecutor.Template.of(SQL.selectFrom(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(DSL.param(String.class))));
    assertEquals(List.of(), positional.names());
    assertThrows(IllegalArgumentException.class, () -> positional.execute(pool, Map.of("sid", sid)));
  }

  @Test
  void insertsAndReadsBackBinaryAndTextValues() {
    String sid = "AC" + "1".repeat(32);
    byte[] digest = {1, 2, 3, (byte) 0xff};
    await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid).set(ACCOUNTS.PRIMARY_TOKEN_HASH, digest)));

    var rows = await(SqlExecutor.execute(pool, SQL.select(ACCOUNTS.PRIMARY_TOKEN_HASH, ACCOUNTS.STATUS).from(ACCOUNTS)
        .where(ACCOUNTS.SID.eq(sid))));
    assertEquals(1, rows.size());
    assertArrayEquals(digest, rows.iterator().next().getBuffer(0).getBytes());
    assertEquals("active", rows.iterator().next().getString(1));
  }

  @Test
  void aDuplicateKeyIsTranslatedWithItsConstraintName() {
    String sid = "AC" + "2".repeat(32);
    var insert = SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid).set(ACCOUNTS.PRIMARY_TOKEN_HASH, new byte[] {9});
    await(SqlExecutor.execute(pool, insert));

    Throwable failure = await(SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid)
        .set(ACCOUNTS.PRIMARY_TOKEN_HASH, new byte[] {10})).<Throwable>map(r -> null).recover(Future::succeededFuture));
    assertInstanceOf(DuplicateKeyException.class, failure);
    assertEquals("accounts_sid_uq", ((DuplicateKeyException) failure).constraint());
  }
}
