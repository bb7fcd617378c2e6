package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statements sent behind BEGIN without waiting commit together, or roll back together. */
class PipelinedTransactionTest {

  private static TestDatabase database;
  private static Pool pool;

  @BeforeAll
  static void start() {
    database = TestDatabase.start(new PoolOptions().setMaxSize(1));
    pool = database.pool();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void statementsSentWithoutWaitingCommitTogether() {
    String a = "AC" + "a1".repeat(16);
    String b = "AC" + "b1".repeat(16);
    int result = await(PipelinedTransaction.run(pool, tx -> {
      Future<Void> first = insert(tx, a);
      Future<Void> second = insert(tx, b);
      return Future.all(first, second).map(42);
    }));
    assertEquals(42, result);
    assertEquals(2, count(a, b));
  }

  @Test
  void aFailedStatementRollsBackTheOthersAndIsTheFailureReported() {
    String c = "AC" + "c1".repeat(16);
    Throwable failure = await(PipelinedTransaction.run(pool, tx -> {
      Future<Void> first = insert(tx, c);
      Future<Void> duplicate = insert(tx, c);
      Future<Void> afterwards = insert(tx, "AC" + "d1".repeat(16)); // runs in the aborted transaction
      return Future.join(first, duplicate, afterwards).transform(all -> duplicate);
    }).<Throwable>map(ok -> null).recover(Future::succeededFuture));
    assertInstanceOf(DuplicateKeyException.class, failure);
    assertEquals(0, count(c, "AC" + "d1".repeat(16)));
    // the connection went back to the pool in a usable state
    assertEquals("usable", await(PipelinedTransaction.run(pool, tx -> Future.succeededFuture("usable"))));
  }

  @Test
  void anExceptionThrownByTheWorkRollsBack() {
    String e = "AC" + "e1".repeat(16);
    Throwable failure = await(PipelinedTransaction.<Void>run(pool, tx -> {
      insert(tx, e);
      throw new IllegalStateException("the work failed");
    }).<Throwable>map(ok -> null).recover(Future::succeededFuture));
    assertInstanceOf(IllegalStateException.class, failure);
    assertEquals(0, count(e, e));
  }

  private static Future<Void> insert(SqlClient tx, String sid) {
    return SqlExecutor.execute(tx, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, sid)
        .set(ACCOUNTS.PRIMARY_TOKEN_HASH, sid.getBytes(StandardCharsets.US_ASCII))).mapEmpty();
  }

  private static int count(String one, String other) {
    return await(SqlExecutor.execute(pool, SQL.selectCount().from(ACCOUNTS).where(ACCOUNTS.SID.in(one, other))))
        .iterator().next().getInteger(0);
  }
}
