package dev.wireless.server.rateplans;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.RATE_PLANS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.common.Sids;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Rate plans, always scoped to one account: another account's plan simply does not exist here. */
public final class RatePlanRepository {

  private final SqlClient db;

  public RatePlanRepository(SqlClient db) {
    this.db = db;
  }

  public Future<RatePlanRow> insert(RatePlanRow plan) {
    return SqlExecutor.execute(db, SQL.insertInto(RATE_PLANS)
            .set(RATE_PLANS.SID, plan.sid())
            .set(RATE_PLANS.ACCOUNT_SID, plan.accountSid())
            .set(RATE_PLANS.UNIQUE_NAME, plan.uniqueName())
            .set(RATE_PLANS.FRIENDLY_NAME, plan.friendlyName())
            .set(RATE_PLANS.DATA_ENABLED, plan.dataEnabled())
            .set(RATE_PLANS.DATA_METERING, plan.dataMetering())
            .set(RATE_PLANS.DATA_LIMIT, plan.dataLimit())
            .set(RATE_PLANS.MESSAGING_ENABLED, plan.messagingEnabled())
            .set(RATE_PLANS.VOICE_ENABLED, plan.voiceEnabled())
            .set(RATE_PLANS.NATIONAL_ROAMING_ENABLED, plan.nationalRoamingEnabled())
            .set(RATE_PLANS.NATIONAL_ROAMING_DATA_LIMIT, plan.nationalRoamingDataLimit())
            .set(RATE_PLANS.INTERNATIONAL_ROAMING, plan.internationalRoaming().toArray(String[]::new))
            .set(RATE_PLANS.INTERNATIONAL_ROAMING_DATA_LIMIT, plan.internationalRoamingDataLimit())
            .set(RATE_PLANS.DATA_LIMIT_STRATEGY, plan.dataLimitStrategy())
            .set(RATE_PLANS.USAGE_NOTIFICATION_URL, plan.usageNotificationUrl())
            .set(RATE_PLANS.USAGE_NOTIFICATION_METHOD, plan.usageNotificationMethod())
            .returning())
        .map(RatePlanRepository::single);
  }

  /** The plan of {@code accountSid} whose SID or unique name is {@code key}. */
  public Future<Optional<RatePlanRow>> find(String accountSid, String key) {
    return SqlExecutor.execute(db, SQL.selectFrom(RATE_PLANS)
            .where(RATE_PLANS.ACCOUNT_SID.eq(accountSid))
            .and(byKey(key)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(single(rows)));
  }

  /** Up to {@code size + 1} plans in reading order after/before the token's position. */
  public Future<List<RatePlanRow>> page(String accountSid, PageRequest request) {
    Condition position = DSL.trueCondition();
    if (request.token() != null) {
      position = request.backwards() ? RATE_PLANS.ID.lt(request.token().boundary())
          : RATE_PLANS.ID.gt(request.token().boundary());
    }
    return SqlExecutor.execute(db, SQL.selectFrom(RATE_PLANS)
            .where(RATE_PLANS.ACCOUNT_SID.eq(accountSid))
            .and(position)
            .orderBy(request.backwards() ? RATE_PLANS.ID.desc() : RATE_PLANS.ID.asc())
            .limit(request.size() + 1))
        .map(RatePlanRepository::all);
  }

  /** Sets the names that are non-null; returns the updated plan, empty if it does not exist. */
  public Future<Optional<RatePlanRow>> rename(String accountSid, long id, String uniqueName, boolean clearUniqueName,
                                              String friendlyName) {
    var update = SQL.update(RATE_PLANS).set(RATE_PLANS.UPDATED_AT, DSL.currentOffsetDateTime());
    if (uniqueName != null || clearUniqueName) {
      update = update.set(RATE_PLANS.UNIQUE_NAME, clearUniqueName ? null : uniqueName);
    }
    if (friendlyName != null) {
      update = update.set(RATE_PLANS.FRIENDLY_NAME, friendlyName);
    }
    return SqlExecutor.execute(db, update.where(RATE_PLANS.ID.eq(id)).and(RATE_PLANS.ACCOUNT_SID.eq(accountSid))
            .returning())
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(single(rows)));
  }

  /** Deletes the plan; false if it did not exist. Fails with a reference violation while SIMs use it. */
  public Future<Boolean> delete(String accountSid, long id) {
    return SqlExecutor.execute(db, SQL.deleteFrom(RATE_PLANS)
            .where(RATE_PLANS.ID.eq(id)).and(RATE_PLANS.ACCOUNT_SID.eq(accountSid)))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Condition byKey(String key) {
    return Sids.looksLike("WP", key)
        ? RATE_PLANS.SID.eq(Sids.normal(key))
        : RATE_PLANS.UNIQUE_NAME.eq(key);
  }

  private static RatePlanRow single(RowSet<Row> rows) {
    return toRow(rows.iterator().next());
  }

  private static List<RatePlanRow> all(RowSet<Row> rows) {
    List<RatePlanRow> plans = new ArrayList<>(rows.size());
    rows.forEach(row -> plans.add(toRow(row)));
    return plans;
  }

  static RatePlanRow toRow(Row row) {
    String[] roaming = row.getArrayOfStrings(RATE_PLANS.INTERNATIONAL_ROAMING.getName());
    return new RatePlanRow(
        row.getLong(RATE_PLANS.ID.getName()),
        row.getString(RATE_PLANS.SID.getName()),
        row.getString(RATE_PLANS.ACCOUNT_SID.getName()),
        row.getString(RATE_PLANS.UNIQUE_NAME.getName()),
        row.getString(RATE_PLANS.FRIENDLY_NAME.getName()),
        row.getBoolean(RATE_PLANS.DATA_ENABLED.getName()),
        row.getString(RATE_PLANS.DATA_METERING.getName()),
        row.getInteger(RATE_PLANS.DATA_LIMIT.getName()),
        row.getBoolean(RATE_PLANS.MESSAGING_ENABLED.getName()),
        row.getBoolean(RATE_PLANS.VOICE_ENABLED.getName()),
        row.getBoolean(RATE_PLANS.NATIONAL_ROAMING_ENABLED.getName()),
        RoamingDataLimits.effective(row.getInteger(RATE_PLANS.NATIONAL_ROAMING_DATA_LIMIT.getName()),
            row.getInteger(RATE_PLANS.DATA_LIMIT.getName())),
        roaming == null ? List.of() : Arrays.asList(roaming),
        RoamingDataLimits.effective(row.getInteger(RATE_PLANS.INTERNATIONAL_ROAMING_DATA_LIMIT.getName()),
            row.getInteger(RATE_PLANS.DATA_LIMIT.getName())),
        row.getString(RATE_PLANS.DATA_LIMIT_STRATEGY.getName()),
        row.getString(RATE_PLANS.USAGE_NOTIFICATION_URL.getName()),
        row.getString(RATE_PLANS.USAGE_NOTIFICATION_METHOD.getName()),
        row.getOffsetDateTime(RATE_PLANS.CREATED_AT.getName()),
        row.getOffsetDateTime(RATE_PLANS.UPDATED_AT.getName()));
  }
}
