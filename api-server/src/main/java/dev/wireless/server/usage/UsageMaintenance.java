package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.jooq.Routines;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the monthly partitions of the usage tables: creates the coming months ahead and drops
 * months past retention (30 days of events and sessions, 18 months of rollups). Idempotent; safe
 * to run on several nodes (a lost creation race is logged and retried at the next run).
 */
public final class UsageMaintenance {

  private static final Logger LOG = LoggerFactory.getLogger(UsageMaintenance.class);
  private static final String[] RAW = {"network_events", "data_sessions"};
  private static final String[] ROLLUPS = {"usage_sim_hourly", "usage_account_hourly", "usage_account_daily"};

  private UsageMaintenance() {
  }

  /** One run at {@code now}; returns partitions created + dropped. */
  public static Future<Integer> run(SqlClient db, OffsetDateTime now) {
    OffsetDateTime utc = now.withOffsetSameInstant(ZoneOffset.UTC);
    Future<Integer> total = Future.succeededFuture(0);
    for (String table : RAW) {
      total = step(total, db, Routines.wirelessEnsureMonthPartitions(table, utc.minusMonths(1), 4));
      total = step(total, db, Routines.wirelessDropMonthPartitions(table, utc.minusDays(31)));
    }
    for (String table : ROLLUPS) {
      total = step(total, db, Routines.wirelessEnsureMonthPartitions(table, utc, 3));
      total = step(total, db, Routines.wirelessDropMonthPartitions(table,
          utc.minusMonths(UsageWindow.RETENTION_MONTHS + 1)));
    }
    return total;
  }

  private static Future<Integer> step(Future<Integer> before, SqlClient db, org.jooq.Field<Integer> call) {
    return before.compose(n -> SqlExecutor.execute(db, SQL.select(call)).map(rows -> n + rows.iterator().next()
        .getInteger(0)).recover(e -> {
          LOG.warn("usage partition maintenance step failed; retried at the next run: {}", e.getMessage());
          return Future.succeededFuture(n);
        }));
  }
}
