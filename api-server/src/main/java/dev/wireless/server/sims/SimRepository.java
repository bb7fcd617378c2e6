package dev.wireless.server.sims;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static dev.wireless.persistence.jooq.Tables.RATE_PLANS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.common.Sids;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SelectOnConditionStep;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * SIMs, scoped to one account (another account's SIM does not exist here), with the rate plan's
 * SID joined in. Created on the pool, or on a transaction's connection so that its reads lock and
 * its writes commit with the caller's.
 */
public final class SimRepository {

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  public SimRepository(SqlClient db) {
    this.db = db;
  }

  public Future<Optional<SimRow>> find(String accountSid, String key) {
    boolean bySid = Sids.looksLike("DE", key);
    return (bySid ? FIND_BY_SID : FIND_BY_UNIQUE_NAME)
        .execute(db, accountSid, bySid ? Sids.normal(key) : key)
        .map(SimRepository::first);
  }

  /** The SIM reads every request makes (FetchSim), rendered once; same rows as {@code select()} + {@code byKey}. */
  private static final SqlExecutor.Template FIND_BY_SID = SqlExecutor.Template.of(select()
      .where(SIMS.ACCOUNT_SID.eq(DSL.param(String.class))).and(SIMS.SID.eq(DSL.param(String.class))));
  private static final SqlExecutor.Template FIND_BY_UNIQUE_NAME = SqlExecutor.Template.of(select()
      .where(SIMS.ACCOUNT_SID.eq(DSL.param(String.class))).and(SIMS.UNIQUE_NAME.eq(DSL.param(String.class))));

  /** Like {@link #find} but locks the SIM's row until the transaction ends. */
  public Future<Optional<SimRow>> lock(String accountSid, String key) {
    return SqlExecutor.execute(db, select().where(SIMS.ACCOUNT_SID.eq(accountSid)).and(byKey(key))
            .forUpdate().of(SIMS))
        .map(SimRepository::first);
  }

  /** The SIM with internal id {@code id}, whatever its account. */
  public Future<Optional<SimRow>> findById(long id) {
    return SqlExecutor.execute(db, select().where(SIMS.ID.eq(id))).map(SimRepository::first);
  }

  /** Locks the SIM with internal id {@code id}, whatever its account. */
  public Future<Optional<SimRow>> lockById(long id) {
    return SqlExecutor.execute(db, select().where(SIMS.ID.eq(id)).forUpdate().of(SIMS)).map(SimRepository::first);
  }

  /** Up to {@code size + 1} SIMs in reading order after/before the token's position. */
  public Future<List<SimRow>> page(String accountSid, SimFilter filter, PageRequest request) {
    Condition where = SIMS.ACCOUNT_SID.eq(accountSid).and(matching(filter));
    if (request.token() != null) {
      where = where.and(request.backwards() ? SIMS.ID.lt(request.token().boundary())
          : SIMS.ID.gt(request.token().boundary()));
    }
    return SqlExecutor.execute(db, select().where(where)
            .orderBy(request.backwards() ? SIMS.ID.desc() : SIMS.ID.asc())
            .limit(request.size() + 1))
        .map(SimRepository::all);
  }

  /** Sets {@code changes} (column → value) and {@code updated_at}; returns the SIM as now stored. */
  public Future<SimRow> update(long id, Map<Field<?>, Object> changes) {
    Map<Field<?>, Object> values = new HashMap<>(changes);
    values.put(SIMS.UPDATED_AT, DSL.currentOffsetDateTime());
    return SqlExecutor.execute(db, SQL.update(SIMS).set(values).where(SIMS.ID.eq(id)))
        .compose(v -> SqlExecutor.execute(db, select().where(SIMS.ID.eq(id))))
        .map(rows -> first(rows).orElseThrow());
  }

  public Future<Boolean> delete(String accountSid, long id) {
    return SqlExecutor.execute(db, SQL.deleteFrom(SIMS).where(SIMS.ID.eq(id)).and(SIMS.ACCOUNT_SID.eq(accountSid)))
        .map(rows -> rowsAffected(rows) == 1);
  }

  /** The parent account of {@code accountSid}; empty if it has none or does not exist. */
  public Future<Optional<String>> parentOf(String accountSid) {
    return SqlExecutor.execute(db, SQL.select(ACCOUNTS.PARENT_SID).from(ACCOUNTS).where(ACCOUNTS.SID.eq(accountSid)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
  }

  /** Which of {@code iccids} exist already, and on which account. */
  public Future<Map<String, String>> ownersOf(List<String> iccids) {
    return SqlExecutor.execute(db, SQL.select(SIMS.ICCID, SIMS.ACCOUNT_SID).from(SIMS).where(SIMS.ICCID.in(iccids)))
        .map(rows -> {
          Map<String, String> owners = new HashMap<>();
          rows.forEach(row -> owners.put(row.getString(0), row.getString(1)));
          return owners;
        });
  }

  /** Inserts {@code sims} in status {@code new}; an ICCID already present is skipped. Returns how many were new. */
  public Future<Integer> insertNew(String accountSid, List<NewSim> sims, Long ratePlanId, String status) {
    var insert = SQL.insertInto(SIMS, SIMS.SID, SIMS.ACCOUNT_SID, SIMS.ICCID, SIMS.EID, SIMS.REGISTRATION_CODE,
        SIMS.UNIQUE_NAME, SIMS.FRIENDLY_NAME, SIMS.RATE_PLAN_ID, SIMS.STATUS, SIMS.ACTIVATED_AT);
    // a SIM loaded as active (or suspended, so once active) is metered from the day it was loaded
    OffsetDateTime activatedAt = "active".equals(status) || "suspended".equals(status)
        ? OffsetDateTime.now(ZoneOffset.UTC) : null;
    for (NewSim sim : sims) {
      insert = insert.values(Sids.newSid("DE"), accountSid, sim.iccid(), sim.eid(), sim.registrationCode(),
          sim.uniqueName(), sim.friendlyName(), ratePlanId, status, activatedAt);
    }
    return SqlExecutor.execute(db, insert.onConflict(SIMS.ICCID).doNothing()).map(SimRepository::rowsAffected);
  }

  private static SelectOnConditionStep<Record> select() {
    return SQL.select(SimColumns.ALL).from(SIMS).leftJoin(RATE_PLANS)
        .on(RATE_PLANS.ID.eq(SIMS.RATE_PLAN_ID));
  }

  private static Condition matching(SimFilter filter) {
    Condition condition = DSL.trueCondition();
    if (filter.unknownRatePlan()) {
      return DSL.falseCondition();
    }
    if (filter.status() != null) {
      condition = condition.and(SIMS.STATUS.eq(filter.status()));
    }
    if (filter.iccid() != null) {
      condition = condition.and(SIMS.ICCID.eq(filter.iccid()));
    }
    if (filter.ratePlanId() != null) {
      condition = condition.and(SIMS.RATE_PLAN_ID.eq(filter.ratePlanId()));
    }
    if (filter.eid() != null) {
      condition = condition.and(SIMS.EID.eq(filter.eid()));
    }
    if (filter.registrationCode() != null) {
      condition = condition.and(SIMS.REGISTRATION_CODE.eq(filter.registrationCode()));
    }
    return condition;
  }

  private static Condition byKey(String key) {
    return Sids.looksLike("DE", key)
        ? SIMS.SID.eq(Sids.normal(key))
        : SIMS.UNIQUE_NAME.eq(key);
  }

  private static int rowsAffected(RowSet<Row> rows) {
    return rows.rowCount();
  }

  private static Optional<SimRow> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(SimColumns.toRow(rows.iterator().next()));
  }

  private static List<SimRow> all(RowSet<Row> rows) {
    List<SimRow> sims = new ArrayList<>(rows.size());
    rows.forEach(row -> sims.add(SimColumns.toRow(row)));
    return sims;
  }
}
