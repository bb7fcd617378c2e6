package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_DAILY;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_HOURLY;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetMoreStep;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Writes usage into the hourly rollups, per SIM and per account, and the account's daily rollup
 * (the hourly one summed per UTC day), on the caller's transaction so
 * usage counts if and only if the change that caused it commits. Rows are written in key order,
 * so concurrent transactions touching the same account's rows cannot deadlock on them.
 */
public final class UsageRollups {

  private static final dev.wireless.persistence.jooq.tables.UsageSimHourly S = USAGE_SIM_HOURLY;
  private static final dev.wireless.persistence.jooq.tables.UsageAccountHourly A = USAGE_ACCOUNT_HOURLY;
  private static final dev.wireless.persistence.jooq.tables.UsageAccountDaily D = USAGE_ACCOUNT_DAILY;

  private final PriceTable prices;

  public UsageRollups(PriceTable prices) {
    this.prices = prices;
  }

  public PriceTable prices() {
    return prices;
  }

  /**
   * Counts one command of a SIM (for the Commands service: call it in the transaction that
   * creates the MT command or records the MO one). It also counts towards {@code ready → active}
   * after 5 commands ({@link ReadyActivation}).
   *
   * @param direction   {@code to_sim} or {@code from_sim}
   * @param roaming     {@code home}, {@code national} or {@code international}
   * @param countryCode visited country for international roaming (ignored otherwise)
   */
  public Future<Void> countCommand(SqlClient tx, String accountSid, String simSid, String direction, String roaming,
                                   String countryCode, OffsetDateTime at) {
    boolean toSim = "to_sim".equals(direction);
    UsageAmounts amounts = new UsageAmounts(0, 0, java.math.BigDecimal.ZERO, toSim ? 1 : 0, toSim ? 0 : 1,
        prices.command(roaming));
    return addAll(tx, List.of(new SimUsage(accountSid, simSid, new TreeMap<>(Map.of(new UsageKey(at, roaming,
        countryCode == null ? "" : countryCode), amounts)))), commandShard(simSid))
        .compose(v -> ReadyActivation.commandCounted(tx, simSid, at));
  }

  private static final ArrayRows SIM_ROWS = ArrayRows.of("s", S.ACCOUNT_SID, S.SIM_SID, S.HOUR, S.ROAMING,
      S.COUNTRY_CODE, S.DATA_UP, S.DATA_DOWN, S.DATA_BILLED, S.CMD_TO_SIM, S.CMD_FROM_SIM, S.CMD_BILLED);
  private static final SqlExecutor.Template ADD_SIM_ROWS = SqlExecutor.Template.of(addingUp(SQL.insertInto(S)
          .columns(SIM_ROWS.columns()).select(SIM_ROWS.select())
          .onConflict(S.ACCOUNT_SID, S.SIM_SID, S.HOUR, S.ROAMING, S.COUNTRY_CODE).doUpdate(),
      S.DATA_UP, S.DATA_DOWN, S.DATA_BILLED, S.CMD_TO_SIM, S.CMD_FROM_SIM, S.CMD_BILLED));
  private static final ArrayRows ACCOUNT_ROWS = ArrayRows.of("a", A.ACCOUNT_SID, A.HOUR, A.ROAMING,
      A.COUNTRY_CODE, A.SHARD, A.DATA_UP, A.DATA_DOWN, A.DATA_BILLED, A.CMD_TO_SIM, A.CMD_FROM_SIM, A.CMD_BILLED);
  private static final SqlExecutor.Template ADD_ACCOUNT_ROWS = SqlExecutor.Template.of(addingUp(SQL.insertInto(A)
          .columns(ACCOUNT_ROWS.columns()).select(ACCOUNT_ROWS.select())
          .onConflict(A.ACCOUNT_SID, A.HOUR, A.ROAMING, A.COUNTRY_CODE, A.SHARD).doUpdate(),
      A.DATA_UP, A.DATA_DOWN, A.DATA_BILLED, A.CMD_TO_SIM, A.CMD_FROM_SIM, A.CMD_BILLED));
  private static final ArrayRows DAY_ROWS = ArrayRows.of("d", D.ACCOUNT_SID, D.DAY, D.ROAMING, D.COUNTRY_CODE,
      D.SHARD, D.DATA_UP, D.DATA_DOWN, D.DATA_BILLED, D.CMD_TO_SIM, D.CMD_FROM_SIM, D.CMD_BILLED);
  private static final SqlExecutor.Template ADD_DAY_ROWS = SqlExecutor.Template.of(addingUp(SQL.insertInto(D)
          .columns(DAY_ROWS.columns()).select(DAY_ROWS.select())
          .onConflict(D.ACCOUNT_SID, D.DAY, D.ROAMING, D.COUNTRY_CODE, D.SHARD).doUpdate(),
      D.DATA_UP, D.DATA_DOWN, D.DATA_BILLED, D.CMD_TO_SIM, D.CMD_FROM_SIM, D.CMD_BILLED));

  /** An upsert that adds the new row's counters to the existing row's. */
  private static <R extends Record> InsertOnDuplicateSetMoreStep<R> addingUp(InsertOnDuplicateSetStep<R> upsert,
                                                                             Field<?>... counters) {
    InsertOnDuplicateSetMoreStep<R> step = null;
    for (Field<?> counter : counters) {
      step = add(step == null ? upsert : step, counter);
    }
    return step;
  }

  private static <R extends Record, T> InsertOnDuplicateSetMoreStep<R> add(InsertOnDuplicateSetStep<R> upsert,
                                                                           Field<T> counter) {
    return upsert.set(counter, counter.plus(DSL.excluded(counter)));
  }

  /** One SIM's usage to add: hour/roaming/country → amounts. */
  public record SimUsage(String accountSid, String simSid, SortedMap<UsageKey, UsageAmounts> cells) {
  }

  /** Adds {@code cells} (hour/roaming/country → amounts) to one SIM's and its account's rollups. */
  public Future<Void> add(SqlClient tx, String accountSid, String simSid, SortedMap<UsageKey, UsageAmounts> cells) {
    return addAll(tx, List.of(new SimUsage(accountSid, simSid, cells)));
  }

  /**
   * Adds several SIMs' usage with three statements (SIM rows, then account rows summed per account
   * cell, then account days), whatever the number of SIMs, sent without waiting for each other: a
   * batch of events costs the same one round trip.
   */
  public Future<Void> addAll(SqlClient tx, List<SimUsage> usages) {
    return addAll(tx, usages, (short) 0);
  }

  /** How many rows one account cell may be spread over for Commands (see {@code usage_account_hourly.shard}). */
  static final int COMMAND_SHARDS = 8;

  private static short commandShard(String simSid) {
    return (short) Math.floorMod(simSid.hashCode(), COMMAND_SHARDS);
  }

  private Future<Void> addAll(SqlClient tx, List<SimUsage> usages, short shard) {
    TreeMap<String, UsageAmounts> simCells = new TreeMap<>();
    Map<String, Object[]> simKeys = new HashMap<>();
    TreeMap<String, UsageAmounts> accountCells = new TreeMap<>();
    Map<String, Object[]> accountKeys = new HashMap<>();
    TreeMap<String, UsageAmounts> dailyCells = new TreeMap<>();
    Map<String, Object[]> dailyKeys = new HashMap<>();
    for (SimUsage u : usages) {
      u.cells().forEach((k, a) -> {
        String simKey = u.accountSid() + "|" + u.simSid() + "|" + order(k);
        simCells.merge(simKey, a, UsageAmounts::plus);
        simKeys.put(simKey, new Object[] {u.accountSid(), u.simSid(), k});
        String accountKey = u.accountSid() + "|" + order(k);
        accountCells.merge(accountKey, a, UsageAmounts::plus);
        accountKeys.put(accountKey, new Object[] {u.accountSid(), k});
        UsageKey day = new UsageKey(k.hour().truncatedTo(ChronoUnit.DAYS), k.roaming(), k.countryCode());
        String dailyKey = u.accountSid() + "|" + order(day);
        dailyCells.merge(dailyKey, a, UsageAmounts::plus);
        dailyKeys.put(dailyKey, new Object[] {u.accountSid(), day});
      });
    }
    if (simCells.isEmpty()) {
      return Future.succeededFuture();
    }
    ArrayRows.Batch sim = SIM_ROWS.batch(simCells.size());
    int i = 0;
    for (Map.Entry<String, UsageAmounts> cell : simCells.entrySet()) {
      Object[] id = simKeys.get(cell.getKey());
      UsageKey k = (UsageKey) id[2];
      UsageAmounts a = cell.getValue();
      sim.row(i++, id[0], id[1], k.hour(), k.roaming(), k.countryCode(), a.dataUp(), a.dataDown(), a.dataBilled(),
          a.toSim(), a.fromSim(), a.commandsBilled());
    }
    ArrayRows.Batch account = ACCOUNT_ROWS.batch(accountCells.size());
    i = 0;
    for (Map.Entry<String, UsageAmounts> cell : accountCells.entrySet()) {
      Object[] id = accountKeys.get(cell.getKey());
      UsageKey k = (UsageKey) id[1];
      UsageAmounts a = cell.getValue();
      account.row(i++, id[0], k.hour(), k.roaming(), k.countryCode(), shard, a.dataUp(), a.dataDown(),
          a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
    }
    ArrayRows.Batch daily = DAY_ROWS.batch(dailyCells.size());
    i = 0;
    for (Map.Entry<String, UsageAmounts> cell : dailyCells.entrySet()) {
      Object[] id = dailyKeys.get(cell.getKey());
      UsageKey k = (UsageKey) id[1];
      UsageAmounts a = cell.getValue();
      daily.row(i++, id[0], k.hour(), k.roaming(), k.countryCode(), shard, a.dataUp(), a.dataDown(),
          a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
    }
    // sent together (the connection pipelines them) and run in this order, the key order every writer uses
    return Future.all(ADD_SIM_ROWS.execute(tx, sim.values()), ADD_ACCOUNT_ROWS.execute(tx, account.values()),
        ADD_DAY_ROWS.execute(tx, daily.values())).mapEmpty();
  }

  /** A string that sorts like the cell (hour, roaming, country), so rows are written in key order. */
  private static String order(UsageKey k) {
    return k.hour().toInstant() + "|" + k.roaming() + "|" + k.countryCode();
  }
}
