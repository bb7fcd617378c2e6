package dev.wireless.persistence.jobs;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.TestDatabase;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** now() ± a Duration, computed by the database to the millisecond. */
class DatabaseClockTest {

  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void plusAndMinusAreExactOnTheDatabaseClock() {
    Row row = await(SqlExecutor.execute(database.pool(), SQL.select(
            DSL.extract(DatabaseClock.plus(Duration.ofMillis(90_061_001)).minus(DatabaseClock.now()),
                org.jooq.DatePart.EPOCH),
            DSL.extract(DatabaseClock.now().minus(DatabaseClock.minus(Duration.ofDays(30))), org.jooq.DatePart.EPOCH),
            DSL.extract(DatabaseClock.plusMillis(DSL.val(-1500.0)).minus(DatabaseClock.now()),
                org.jooq.DatePart.EPOCH))))
        .iterator().next();
    assertEquals(90_061.001, row.getNumeric(0).doubleValue(), 1e-9);
    assertEquals(30 * 86_400.0, row.getNumeric(1).doubleValue(), 1e-9);
    assertEquals(-1.5, row.getNumeric(2).doubleValue(), 1e-9);
  }
}
