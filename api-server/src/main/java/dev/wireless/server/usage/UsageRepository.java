package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_DAILY;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_HOURLY;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reads the rollups (never raw events), summed per record bucket, roaming class and country. Hourly groups by hour, daily by UTC day, all by nothing but the roaming split.
 */
public final class UsageRepository {

  private UsageRepository() {
  }

  /**
   * The account query (public so a test can EXPLAIN it). Daily and whole-period records read the
   * whole UTC days of {@code [from, to)} from the daily rollup and only the hours of a partial first
   * or last day from the hourly one; hourly records read the hourly rollup.
   */
  public static Query accountQuery(String accountSid, UsageWindow window, OffsetDateTime from, OffsetDateTime to) {
    var u = USAGE_ACCOUNT_HOURLY;
    OffsetDateTime firstDay = ceilDay(from);
    OffsetDateTime lastDay = to.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    if (window.granularity().equals("hourly") || !firstDay.isBefore(lastDay)) {
      return query(u, u.HOUR, u.ACCOUNT_SID.eq(accountSid), window, from, to, u.ROAMING, u.COUNTRY_CODE, u.DATA_UP,
          u.DATA_DOWN, u.DATA_BILLED, u.CMD_TO_SIM, u.CMD_FROM_SIM, u.CMD_BILLED);
    }
    var d = USAGE_ACCOUNT_DAILY;
    var days = SQL.select(d.DAY.as("at"), d.ROAMING, d.COUNTRY_CODE, d.DATA_UP, d.DATA_DOWN, d.DATA_BILLED,
            d.CMD_TO_SIM, d.CMD_FROM_SIM, d.CMD_BILLED)
        .from(d).where(d.ACCOUNT_SID.eq(accountSid)).and(d.DAY.ge(firstDay)).and(d.DAY.lt(lastDay));
    var edgeHours = SQL.select(u.HOUR.as("at"), u.ROAMING, u.COUNTRY_CODE, u.DATA_UP, u.DATA_DOWN, u.DATA_BILLED,
            u.CMD_TO_SIM, u.CMD_FROM_SIM, u.CMD_BILLED)
        .from(u).where(u.ACCOUNT_SID.eq(accountSid))
        .and(u.HOUR.ge(from).and(u.HOUR.lt(firstDay)).or(u.HOUR.ge(lastDay).and(u.HOUR.lt(to))));
    Table<?> both = days.unionAll(edgeHours).asTable("usage");
    return query(both, both.field("at", OffsetDateTime.class), DSL.trueCondition(), window, from, to,
        both.field(u.ROAMING), both.field(u.COUNTRY_CODE), both.field(u.DATA_UP), both.field(u.DATA_DOWN),
        both.field(u.DATA_BILLED), both.field(u.CMD_TO_SIM), both.field(u.CMD_FROM_SIM), both.field(u.CMD_BILLED));
  }

  private static OffsetDateTime ceilDay(OffsetDateTime at) {
    OffsetDateTime day = at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
    return day.isBefore(at) ? day.plusDays(1) : day;
  }

  public static Query simQuery(String accountSid, String simSid, UsageWindow window, OffsetDateTime from,
                               OffsetDateTime to) {
    var u = USAGE_SIM_HOURLY;
    return query(u, u.HOUR, u.ACCOUNT_SID.eq(accountSid).and(u.SIM_SID.eq(simSid)), window, from, to, u.ROAMING,
        u.COUNTRY_CODE, u.DATA_UP, u.DATA_DOWN, u.DATA_BILLED, u.CMD_TO_SIM, u.CMD_FROM_SIM, u.CMD_BILLED);
  }

  public static Future<List<UsageCell>> cells(SqlClient db, Query query, UsageWindow window) {
    return SqlExecutor.execute(db, query).map(rows -> {
      List<UsageCell> cells = new ArrayList<>();
      for (Row r : rows) {
        OffsetDateTime bucket = r.getOffsetDateTime(0);
        cells.add(new UsageCell(bucket == null ? 0 : window.indexOf(bucket), r.getString(1), r.getString(2),
            r.getLong(3), r.getLong(4), decimal(r, 5), r.getLong(6), r.getLong(7), decimal(r, 8)));
      }
      return cells;
    });
  }

  private static BigDecimal decimal(Row r, int i) {
    Object v = r.getValue(i);
    return v == null ? BigDecimal.ZERO : new BigDecimal(v.toString());
  }

  private static Query query(Table<?> table, Field<OffsetDateTime> hour, Condition owner, UsageWindow window,
                             OffsetDateTime from, OffsetDateTime to, Field<String> roaming, Field<String> country,
                             Field<Long> up, Field<Long> down, Field<BigDecimal> dataBilled, Field<Long> toSim,
                             Field<Long> fromSim, Field<BigDecimal> cmdBilled) {
    Field<OffsetDateTime> bucket = switch (window.granularity()) {
      case "hourly" -> hour;
      case "daily" -> DSL.field("date_trunc('day', {0}, 'UTC')", OffsetDateTime.class, hour);
      default -> DSL.castNull(OffsetDateTime.class);
    };
    Field<OffsetDateTime> b = bucket.as("bucket");
    var select = SQL.select(b, roaming, country, DSL.sum(up).cast(Long.class), DSL.sum(down).cast(Long.class),
            DSL.sum(dataBilled), DSL.sum(toSim).cast(Long.class), DSL.sum(fromSim).cast(Long.class), DSL.sum(cmdBilled))
        .from(table).where(owner).and(hour.ge(from)).and(hour.lt(to));
    return window.granularity().equals("all") ? select.groupBy(roaming, country)
        : select.groupBy(DSL.field(DSL.name("bucket")), roaming, country);
  }
}
