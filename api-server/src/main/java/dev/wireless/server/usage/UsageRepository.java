package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_DAILY;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_HOURLY;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * Reads the rollups (never raw events) and sums them per record (hour, UTC day or the whole
 * period), roaming class and country. Every query shape is rendered once ({@link SqlExecutor.Template}):
 * rendering the jOOQ tree cost more than the database's own work for a page of daily records.
 */
public final class UsageRepository {

  /** The placeholders of every shape: account, SIM, the hours read and the whole days in them. */
  private static final String ACCOUNT = "account";
  private static final String SIM = "sim";
  private static final String FROM = "from";
  private static final String TO = "to";
  private static final String FIRST_DAY = "firstDay";
  private static final String LAST_DAY = "lastDay";

  /** How a shape gets its values: unbound placeholders for a template, or the values themselves. */
  @FunctionalInterface
  private interface Values {
    <T> Field<T> get(String name, Class<T> type);
  }

  private static final Values PLACEHOLDERS = new Values() {
    @Override
    public <T> Field<T> get(String name, Class<T> type) {
      return DSL.param(name, type);
    }
  };

  private static final Map<String, SqlExecutor.Template> SHAPES = new HashMap<>();

  static {
    SHAPES.put("account", SqlExecutor.Template.of(accountShape(false, PLACEHOLDERS)));
    SHAPES.put("account days", SqlExecutor.Template.of(accountShape(true, PLACEHOLDERS)));
    SHAPES.put("sim", SqlExecutor.Template.of(simShape(PLACEHOLDERS)));
  }

  /** The hours to read and the account or SIM they belong to. */
  public record Span(String accountSid, String simSid, UsageWindow window, OffsetDateTime from, OffsetDateTime to) {

    /** Whole UTC days inside {@code [from, to)}, for the account's daily rollup. */
    boolean hasWholeDays() {
      return !window.granularity().equals("hourly") && firstDay().isBefore(lastDay());
    }

    OffsetDateTime firstDay() {
      OffsetDateTime day = from.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
      return day.isBefore(from) ? day.plusDays(1) : day;
    }

    OffsetDateTime lastDay() {
      return to.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    }

    Map<String, Object> values() {
      Map<String, Object> values = new HashMap<>();
      values.put(ACCOUNT, accountSid);
      if (simSid != null) {
        values.put(SIM, simSid);
      }
      values.put(FROM, from);
      values.put(TO, to);
      if (simSid == null && hasWholeDays()) {
        values.put(FIRST_DAY, firstDay());
        values.put(LAST_DAY, lastDay());
      }
      return values;
    }
  }

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  public UsageRepository(SqlClient db) {
    this.db = db;
  }

  /**
   * The account query with its values inlined (for a test to EXPLAIN). Daily and whole-period
   * records read the whole UTC days of {@code [from, to)} from the daily rollup and only the hours
   * of a partial first or last day from the hourly one; hourly records read the hourly rollup.
   */
  public static Query accountQuery(String accountSid, UsageWindow window, OffsetDateTime from, OffsetDateTime to) {
    Span span = new Span(accountSid, null, window, from, to);
    Map<String, Object> values = span.values();
    return accountShape(span.hasWholeDays(), new Values() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Field<T> get(String name, Class<T> type) {
        return DSL.param(name, (T) values.get(name));
      }
    });
  }

  /**
   * The cells of {@code span}: one per record number, roaming class and country. The rollup rows
   * are summed here rather than with a GROUP BY: a page of daily records is a few hundred rows,
   * which Java adds up in microseconds while Postgres's numeric aggregation doubled its time.
   */
  public Future<List<UsageCell>> cells(Span span) {
    String shape = span.simSid() != null ? "sim" : "account" + (span.hasWholeDays() ? " days" : "");
    UsageWindow window = span.window();
    return SHAPES.get(shape).execute(db, span.values()).map(rows -> {
      Map<String, UsageCell> cells = new LinkedHashMap<>();
      for (Row r : rows) {
        int index = window.indexOf(r.getOffsetDateTime(0));
        UsageCell row = new UsageCell(index, r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
            decimal(r, 5), r.getLong(6), r.getLong(7), decimal(r, 8));
        cells.merge(index + "|" + row.roaming() + "|" + row.countryCode(), row, UsageCell::plus);
      }
      return new ArrayList<>(cells.values());
    });
  }

  private static BigDecimal decimal(Row r, int i) {
    Object v = r.getValue(i);
    if (v == null) {
      return BigDecimal.ZERO;
    }
    return v instanceof Numeric n ? n.bigDecimalValue() : new BigDecimal(v.toString());
  }

  /** Rows of the account's rollups covering {@code [from, to)}: whole days from the daily one if asked. */
  private static Query accountShape(boolean wholeDays, Values v) {
    var u = USAGE_ACCOUNT_HOURLY;
    Field<OffsetDateTime> from = v.get(FROM, OffsetDateTime.class);
    Field<OffsetDateTime> to = v.get(TO, OffsetDateTime.class);
    var hours = SQL.select(u.HOUR, u.ROAMING, u.COUNTRY_CODE, u.DATA_UP, u.DATA_DOWN, u.DATA_BILLED, u.CMD_TO_SIM,
            u.CMD_FROM_SIM, u.CMD_BILLED)
        .from(u).where(u.ACCOUNT_SID.eq(v.get(ACCOUNT, String.class)));
    if (!wholeDays) {
      return hours.and(u.HOUR.ge(from)).and(u.HOUR.lt(to));
    }
    var d = USAGE_ACCOUNT_DAILY;
    Field<OffsetDateTime> firstDay = v.get(FIRST_DAY, OffsetDateTime.class);
    Field<OffsetDateTime> lastDay = v.get(LAST_DAY, OffsetDateTime.class);
    return SQL.select(d.DAY, d.ROAMING, d.COUNTRY_CODE, d.DATA_UP, d.DATA_DOWN, d.DATA_BILLED, d.CMD_TO_SIM,
            d.CMD_FROM_SIM, d.CMD_BILLED)
        .from(d).where(d.ACCOUNT_SID.eq(v.get(ACCOUNT, String.class))).and(d.DAY.ge(firstDay)).and(d.DAY.lt(lastDay))
        .unionAll(hours.and(u.HOUR.ge(from).and(u.HOUR.lt(firstDay)).or(u.HOUR.ge(lastDay).and(u.HOUR.lt(to)))));
  }

  private static Query simShape(Values v) {
    var u = USAGE_SIM_HOURLY;
    return SQL.select(u.HOUR, u.ROAMING, u.COUNTRY_CODE, u.DATA_UP, u.DATA_DOWN, u.DATA_BILLED, u.CMD_TO_SIM,
            u.CMD_FROM_SIM, u.CMD_BILLED)
        .from(u).where(u.ACCOUNT_SID.eq(v.get(ACCOUNT, String.class))).and(u.SIM_SID.eq(v.get(SIM, String.class)))
        .and(u.HOUR.ge(v.get(FROM, OffsetDateTime.class))).and(u.HOUR.lt(v.get(TO, OffsetDateTime.class)));
  }
}
