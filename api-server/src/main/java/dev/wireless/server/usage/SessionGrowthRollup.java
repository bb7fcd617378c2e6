package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.NETWORK_EVENTS;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.WindowDefinition;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Set-based attribution: Postgres splits the cumulative counters of a batch's session events into
 * hourly SIM usage and adds it to {@code usage_sim_hourly} in one statement, so the server neither
 * computes nor ships the cells. Each event is charged with what its session's counters grew since
 * the chronologically previous event (a window over the batch per session), continuing from the
 * session's stored maxima ({@code base_up}, {@code base_down}), exactly as
 * {@code ingestion.Attribution#continuing}. Only for sessions whose new events all come after
 * everything stored (a late event needs the session's stored events and stays with the server).
 * The statement answers the cells it added, which the caller needs for enforcement and the
 * account rows; it is created on the batch's transaction ({@code new SessionGrowthRollup(tx)}).
 */
public final class SessionGrowthRollup {

  private static final dev.wireless.persistence.jooq.tables.UsageSimHourly S = USAGE_SIM_HOURLY;
  private static final Field<Long> SIM_ID = NETWORK_EVENTS.SIM_ID;
  private static final Field<Integer> SESSION = DSL.field(DSL.name("session"), SQLDataType.INTEGER);
  private static final Field<OffsetDateTime> AT = NETWORK_EVENTS.OCCURRED_AT;
  private static final Field<String> EVENT_ID = NETWORK_EVENTS.EVENT_ID;
  private static final Field<Long> UP = NETWORK_EVENTS.BYTES_UP;
  private static final Field<Long> DOWN = NETWORK_EVENTS.BYTES_DOWN;
  private static final Field<Long> BASE_UP = DSL.field(DSL.name("base_up"), SQLDataType.BIGINT);
  private static final Field<Long> BASE_DOWN = DSL.field(DSL.name("base_down"), SQLDataType.BIGINT);
  private static final Field<BigDecimal> PRICE = DSL.field(DSL.name("price_per_mb"), SQLDataType.NUMERIC);

  private static final ArrayRows EVENTS = ArrayRows.of("b", SIM_ID, S.ACCOUNT_SID, S.SIM_SID, SESSION, AT, EVENT_ID,
      UP, DOWN, S.ROAMING, S.COUNTRY_CODE, BASE_UP, BASE_DOWN, PRICE);

  private static final SqlExecutor.Template ADD = SqlExecutor.Template.of(statement());

  private static Query statement() {
    WindowDefinition before = DSL.name("w").as(DSL.partitionBy(EVENTS.field(SESSION))
        .orderBy(EVENTS.field(AT), EVENTS.field(EVENT_ID).collate("C")).rowsBetweenUnboundedPreceding().andPreceding(1));
    Field<Long> up = growth(EVENTS.field(UP), EVENTS.field(BASE_UP), before).as("up");
    Field<Long> down = growth(EVENTS.field(DOWN), EVENTS.field(BASE_DOWN), before).as("down");
    Field<OffsetDateTime> hour = DSL.field("date_trunc('hour', {0}, 'UTC')", SQLDataType.TIMESTAMPWITHTIMEZONE,
        EVENTS.field(AT)).as(S.HOUR.getName());
    Table<?> charged = DSL.select(EVENTS.field(SIM_ID), EVENTS.field(S.ACCOUNT_SID), EVENTS.field(S.SIM_SID), hour,
            EVENTS.field(S.ROAMING), EVENTS.field(S.COUNTRY_CODE), EVENTS.field(PRICE), up, down)
        .from(EVENTS.table()).window(before).asTable("g");
    Field<Long> gUp = charged.field("up", Long.class);
    Field<Long> gDown = charged.field("down", Long.class);
    Field<?>[] key = {charged.field(SIM_ID.getName()), charged.field(S.ACCOUNT_SID.getName()),
        charged.field(S.SIM_SID.getName()), charged.field(S.HOUR.getName()), charged.field(S.ROAMING.getName()),
        charged.field(S.COUNTRY_CODE.getName())};
    Field<BigDecimal> price = charged.field(PRICE.getName(), BigDecimal.class);
    Field<?>[] group = Arrays.copyOf(key, key.length + 1);
    group[key.length] = price;
    CommonTableExpression<?> cells = DSL.name("cells").as(DSL.select(key)
        .select(DSL.sum(gUp).cast(SQLDataType.BIGINT).as(S.DATA_UP.getName()),
            DSL.sum(gDown).cast(SQLDataType.BIGINT).as(S.DATA_DOWN.getName()),
            DSL.sum(gUp.plus(gDown)).times(price).div(DSL.inline(1_000_000)).as(S.DATA_BILLED.getName()))
        .from(charged).where(gUp.ne(DSL.inline(0L)).or(gDown.ne(DSL.inline(0L)))).groupBy(group));
    Field<?>[] columns = {cells.field(S.ACCOUNT_SID.getName()), cells.field(S.SIM_SID.getName()),
        cells.field(S.HOUR.getName()), cells.field(S.ROAMING.getName()), cells.field(S.COUNTRY_CODE.getName()),
        cells.field(S.DATA_UP.getName()), cells.field(S.DATA_DOWN.getName()), cells.field(S.DATA_BILLED.getName())};
    CommonTableExpression<?> added = DSL.name("added").as(SQL.insertInto(S).columns(List.of(S.ACCOUNT_SID,
            S.SIM_SID, S.HOUR, S.ROAMING, S.COUNTRY_CODE, S.DATA_UP, S.DATA_DOWN, S.DATA_BILLED))
        .select(DSL.select(columns).from(cells).orderBy(columns[0], columns[1], columns[2], columns[3], columns[4]))
        .onConflict(S.ACCOUNT_SID, S.SIM_SID, S.HOUR, S.ROAMING, S.COUNTRY_CODE).doUpdate()
        .set(S.DATA_UP, S.DATA_UP.plus(DSL.excluded(S.DATA_UP)))
        .set(S.DATA_DOWN, S.DATA_DOWN.plus(DSL.excluded(S.DATA_DOWN)))
        .set(S.DATA_BILLED, S.DATA_BILLED.plus(DSL.excluded(S.DATA_BILLED)))
        .returning(S.SIM_SID));
    return SQL.with(cells).with(added).select(cells.field(SIM_ID.getName()), cells.field(S.HOUR.getName()),
        cells.field(S.ROAMING.getName()), cells.field(S.COUNTRY_CODE.getName()), cells.field(S.DATA_UP.getName()),
        cells.field(S.DATA_DOWN.getName()), cells.field(S.DATA_BILLED.getName())).from(cells);
  }

  /** What the counter grew over the largest value before it in its session (its stored maximum included). */
  private static Field<Long> growth(Field<Long> counter, Field<Long> base, WindowDefinition before) {
    Field<Long> previous = DSL.greatest(base, DSL.coalesce(DSL.max(counter).over(before), DSL.inline(0L)));
    return DSL.greatest(DSL.inline(0L), counter.minus(previous));
  }

  /**
   * One new event of a continuing session. {@code session} numbers the batch's sessions (any
   * distinct integer per session); {@code countryCode} is already {@code ""} unless roaming
   * internationally (the rollup's key); {@code pricePerMb} the SIM's plan price in its roaming class.
   */
  public record Growth(long simId, String accountSid, String simSid, int session, OffsetDateTime at, String eventId,
                       long up, long down, String roaming, String countryCode, long baseUp, long baseDown,
                       BigDecimal pricePerMb) {
  }

  /** One cell added: the SIM, the cell and the amounts. */
  public record Cell(long simId, UsageKey key, long up, long down, BigDecimal billed) {
  }

  private final SqlClient tx;

  /** {@code tx}: the batch's transaction, which holds its SIMs' locks. */
  public SessionGrowthRollup(SqlClient tx) {
    this.tx = tx;
  }

  /** Adds the events' growth to the SIM rows; answers the cells added. */
  public Future<List<Cell>> add(List<Growth> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    ArrayRows.Batch rows = EVENTS.batch(events.size());
    for (int i = 0; i < events.size(); i++) {
      Growth g = events.get(i);
      rows.row(i, g.simId(), g.accountSid(), g.simSid(), g.session(), g.at(), g.eventId(), g.up(), g.down(),
          g.roaming(), g.countryCode(), g.baseUp(), g.baseDown(), g.pricePerMb());
    }
    return ADD.execute(tx, rows.values()).map(answer -> {
      List<Cell> cells = new ArrayList<>(answer.size());
      for (Row r : answer) {
        cells.add(new Cell(r.getLong(0), new UsageKey(r.getOffsetDateTime(1), r.getString(2), r.getString(3)),
            r.getLong(4), r.getLong(5), r.getBigDecimal(6)));
      }
      return cells;
    });
  }
}
