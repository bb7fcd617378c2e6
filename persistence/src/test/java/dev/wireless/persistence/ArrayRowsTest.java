package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.DATA_SESSIONS;
import static dev.wireless.persistence.jooq.Tables.NETWORK_EVENTS;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows bound as arrays: one statement text for any row count, every column type the platform uses. */
class ArrayRowsTest {

  private static TestDatabase database;
  private static Pool pool;

  private static final dev.wireless.persistence.jooq.tables.NetworkEvents E = NETWORK_EVENTS;
  private static final ArrayRows EVENTS = ArrayRows.of("t", E.OCCURRED_AT, E.EVENT_ID, E.SIM_ID, E.KIND,
      E.SESSION_KEY, E.SESSION_STARTED_AT, E.BYTES_UP, E.BYTES_DOWN, E.PACKETS_UP, E.PACKETS_DOWN, E.ROAMING,
      E.COUNTRY_CODE, E.DETAILS);
  private static final SqlExecutor.Template INSERT_EVENTS = SqlExecutor.Template.of(SQL.insertInto(E)
      .columns(EVENTS.columns()).select(EVENTS.select()).onConflictDoNothing()
      .returning(E.EVENT_ID));

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
  void oneStatementTextInsertsAnyNumberOfRows() {
    assertTrue(INSERT_EVENTS.sql().contains("unnest(") && INSERT_EVENTS.sql().contains("$13")
        && !INSERT_EVENTS.sql().contains("$14"), INSERT_EVENTS.sql());
    OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    for (int rows : new int[] {1, 3, 500}) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        ids.add("rows-" + rows + "-" + i);
      }
      assertEquals(rows, await(insertEvents(ids, at)).size());
      assertEquals(0, await(insertEvents(ids, at)).size(), "a conflicting row is left alone");
    }
    Row row = await(SqlExecutor.execute(pool, SQL.select(E.DETAILS, E.OCCURRED_AT, E.BYTES_UP, E.COUNTRY_CODE)
        .from(E).where(E.EVENT_ID.eq("rows-3-1")))).iterator().next();
    assertEquals(new JsonObject().put("n", 1), new JsonObject(row.getValue(0).toString()));
    assertEquals(at.toInstant(), row.getOffsetDateTime(1).toInstant());
    assertEquals(1_001L, row.getLong(2));
    assertEquals("", row.getString(3));
  }

  private Future<io.vertx.sqlclient.RowSet<Row>> insertEvents(List<String> ids, OffsetDateTime at) {
    ArrayRows.Batch rows = EVENTS.batch(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      long counter = 1_000L + i;
      rows.row(i, at, ids.get(i), 7L, "session_update", "s", at, counter, counter, counter, counter, "home", "",
          new JsonObject().put("n", i).encode());
    }
    return INSERT_EVENTS.execute(pool, rows.values());
  }

  @Test
  void nullElementsNumericsAndDoublesRoundTrip() {
    var d = DATA_SESSIONS;
    ArrayRows rows = ArrayRows.of("s", d.SIM_ID, d.CELL_LAT, d.IMEI, d.ENDED_AT);
    var select = SqlExecutor.Template.of(rows.select());
    var answer = await(select.execute(pool, new Long[] {1L, 2L}, new Double[] {47.61, null},
        new String[] {null, "356938035643809"}, new OffsetDateTime[] {null, OffsetDateTime.now()}));
    List<Row> list = new ArrayList<>();
    answer.forEach(list::add);
    assertEquals(2, list.size());
    assertEquals(47.61, list.get(0).getDouble(1));
    assertNull(list.get(1).getDouble(1));
    assertNull(list.get(0).getString(2));
    assertNull(list.get(0).getOffsetDateTime(3));

    var u = USAGE_SIM_HOURLY;
    ArrayRows money = ArrayRows.of("m", u.DATA_BILLED);
    var sum = SqlExecutor.Template.of(SQL.select(DSL.sum(money.field(u.DATA_BILLED))).from(money.table()));
    BigDecimal total = await(sum.execute(pool, (Object) new BigDecimal[] {new BigDecimal("0.0000012345"),
        new BigDecimal("-0.5")})).iterator().next().getBigDecimal(0);
    assertEquals(0, new BigDecimal("-0.4999987655").compareTo(total), total.toPlainString());
  }

  @Test
  void parametersBeforeTheRowsBindAheadOfTheirArrays() {
    var u = USAGE_SIM_HOURLY;
    ArrayRows cells = ArrayRows.of("c", u.SIM_SID, u.DATA_UP);
    var matching = SqlExecutor.Template.of(SQL.select(DSL.sum(cells.field(u.DATA_UP)))
        .from(DSL.select(DSL.param(SQLDataType.VARCHAR).as("wanted")).asTable("w"))
        .join(cells.table()).on(cells.field(u.SIM_SID).eq(DSL.field(DSL.name("w", "wanted"), String.class))));
    ArrayRows.Batch batch = cells.batch(3);
    batch.row(0, "DEa", 1L);
    batch.row(1, "DEb", 20L);
    batch.row(2, "DEa", 300L);
    assertEquals(301L, await(matching.execute(pool, batch.valuesAfter("DEa"))).iterator().next().getLong(0));
  }

  @Test
  void aFieldOfAnotherTableOrAShortRowIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> EVENTS.field(DATA_SESSIONS.IMEI));
    assertThrows(IllegalArgumentException.class, () -> EVENTS.batch(1).row(0, "too few"));
  }
}
