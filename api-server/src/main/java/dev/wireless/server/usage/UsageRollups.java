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
 * (the hourly one summed per UTC day), on the caller's transaction it is created on
 * ({@code new UsageRollups(tx, prices)}), so usage counts if and only if the change that caused it
 * commits. Rows are written in key order, so concurrent transactions touching the same account's
 * rows cannot deadlock on them. The {@link PriceTable} prices the Commands it counts (by roaming
 * class); data comes priced by its caller.
 */
public final class UsageRollups {

  private static final dev.wireless.persistence.jooq.tables.UsageSimHourly S = USAGE_SIM_HOURLY;
  private static final dev.wireless.persistence.jooq.tables.UsageAccountHourly A = USAGE_ACCOUNT_HOURLY;
  private static final dev.wireless.persistence.jooq.tables.UsageAccountDaily D = USAGE_ACCOUNT_DAILY;

  private final SqlClient tx;
  private final PriceTable prices;

  /** {@code tx}: the connection of the transaction the usage commits with. */
  public UsageRollups(SqlClient tx, PriceTable prices) {
    this.tx = tx;
    this.prices = prices;
  }

  /**
   * Counts one command of a SIM (for the Commands service: call it in the transaction that
   * creates the MT command or records the MO one). It also counts towards {@code ready → active}
   * after 5 commands ({@link ReadyActivation}).
   *
   * <p>Counting is two steps; a transaction that checks its rules between them takes them itself:
   * the SIM's rows and its activation count first ({@link #countCommandOnSim}), the account's rows
   * on a {@link CommandShards} lease last ({@link #countCommandOnAccount}), so that the account row's
   * lock, which every Command of the account in that hour needs, is held only from there to the
   * commit.
   *
   * @param direction   {@code to_sim} or {@code from_sim}
   * @param roaming     {@code home}, {@code national} or {@code international}
   * @param countryCode visited country for international roaming (ignored otherwise)
   */
  public Future<Void> countCommand(String accountSid, String simSid, String direction, String roaming,
                                   String countryCode, OffsetDateTime at) {
    return Future.all(countCommandOnSim(accountSid, simSid, direction, roaming, countryCode, at),
        countCommandOnAccount(accountSid, simSid, direction, roaming, countryCode, at,
            (short) Math.floorMod(simSid.hashCode(), CommandShards.SHARDS))).mapEmpty();
  }

  /** The SIM's share of counting a Command: its hourly row and its activation count, sent together. */
  public Future<Void> countCommandOnSim(String accountSid, String simSid, String direction,
                                        String roaming, String countryCode, OffsetDateTime at) {
    Future<Void> rolledUp = addSimRows(commandUsage(accountSid, simSid, direction, roaming, countryCode, at));
    return Future.all(rolledUp, ReadyActivation.commandCounted(tx, simSid, at)).mapEmpty();
  }

  /** The account's share of counting a Command: its hourly and daily rows of {@code shard}. */
  public Future<Void> countCommandOnAccount(String accountSid, String simSid, String direction,
                                            String roaming, String countryCode, OffsetDateTime at, short shard) {
    return addAccountRows(commandUsage(accountSid, simSid, direction, roaming, countryCode, at), shard);
  }

  private List<SimUsage> commandUsage(String accountSid, String simSid, String direction, String roaming,
                                      String countryCode, OffsetDateTime at) {
    boolean toSim = "to_sim".equals(direction);
    UsageAmounts amounts = new UsageAmounts(0, 0, java.math.BigDecimal.ZERO, toSim ? 1 : 0, toSim ? 0 : 1,
        prices.command(roaming));
    return List.of(new SimUsage(accountSid, simSid, new TreeMap<>(Map.of(
        new UsageKey(at, roaming, countryCode == null ? "" : countryCode), amounts))));
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

  /**
   * Adds several SIMs' usage to their SIM rows, with one statement whatever the number of SIMs. A
   * batch adds the same usage to the accounts with {@link #addToAccounts}, as the last statements
   * of its transaction.
   */
  public Future<Void> addToSims(List<SimUsage> usages) {
    return addSimRows(usages);
  }

  /**
   * Adds several SIMs' usage to their accounts' hourly rows, then daily rows, of {@code shard}
   * (summed per account cell: two statements whatever the number of SIMs). Every transaction of an
   * account adds to the same cells and holds their locks until it commits, so a batch sends these
   * last, on a shard that no other transaction of this node holds ({@link CommandShards}): batches
   * of one account then never wait for each other's commits.
   */
  public Future<Void> addToAccounts(List<SimUsage> usages, short shard) {
    return addAccountRows(usages, shard);
  }

  /** A SIM rollup cell; sorts like the table's key, so rows are written in key order. */
  private record SimCell(String accountSid, String simSid, UsageKey key) implements Comparable<SimCell> {
    @Override
    public int compareTo(SimCell o) {
      int c = accountSid.compareTo(o.accountSid);
      c = c != 0 ? c : simSid.compareTo(o.simSid);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  /** An account rollup cell (an hour or a day); sorts like the table's key. */
  private record AccountCell(String accountSid, UsageKey key) implements Comparable<AccountCell> {
    @Override
    public int compareTo(AccountCell o) {
      int c = accountSid.compareTo(o.accountSid);
      return c != 0 ? c : key.compareTo(o.key);
    }
  }

  private Future<Void> addSimRows(List<SimUsage> usages) {
    TreeMap<SimCell, UsageAmounts> simCells = new TreeMap<>();
    for (SimUsage u : usages) {
      u.cells().forEach((k, a) -> simCells.merge(new SimCell(u.accountSid(), u.simSid(), k), a, UsageAmounts::plus));
    }
    if (simCells.isEmpty()) {
      return Future.succeededFuture();
    }
    ArrayRows.Batch sim = SIM_ROWS.batch(simCells.size());
    int i = 0;
    for (Map.Entry<SimCell, UsageAmounts> cell : simCells.entrySet()) {
      UsageKey k = cell.getKey().key();
      UsageAmounts a = cell.getValue();
      sim.row(i++, cell.getKey().accountSid(), cell.getKey().simSid(), k.hour(), k.roaming(), k.countryCode(),
          a.dataUp(), a.dataDown(), a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
    }
    return ADD_SIM_ROWS.execute(tx, sim.values()).mapEmpty();
  }

  /** The account's hourly rows, then its daily rows, summed over the SIMs. */
  private Future<Void> addAccountRows(List<SimUsage> usages, short shard) {
    TreeMap<AccountCell, UsageAmounts> accountCells = new TreeMap<>();
    TreeMap<AccountCell, UsageAmounts> dailyCells = new TreeMap<>();
    for (SimUsage u : usages) {
      u.cells().forEach((k, a) -> {
        accountCells.merge(new AccountCell(u.accountSid(), k), a, UsageAmounts::plus);
        UsageKey day = new UsageKey(k.hour().truncatedTo(ChronoUnit.DAYS), k.roaming(), k.countryCode());
        dailyCells.merge(new AccountCell(u.accountSid(), day), a, UsageAmounts::plus);
      });
    }
    if (accountCells.isEmpty()) {
      return Future.succeededFuture();
    }
    return Future.all(ADD_ACCOUNT_ROWS.execute(tx, rows(ACCOUNT_ROWS, accountCells, shard).values()),
        ADD_DAY_ROWS.execute(tx, rows(DAY_ROWS, dailyCells, shard).values())).mapEmpty();
  }

  /** Account cells (hours or days) as rows of {@code layout}, which both account tables share. */
  private static ArrayRows.Batch rows(ArrayRows layout, TreeMap<AccountCell, UsageAmounts> cells, short shard) {
    ArrayRows.Batch rows = layout.batch(cells.size());
    int i = 0;
    for (Map.Entry<AccountCell, UsageAmounts> cell : cells.entrySet()) {
      UsageKey k = cell.getKey().key();
      UsageAmounts a = cell.getValue();
      rows.row(i++, cell.getKey().accountSid(), k.hour(), k.roaming(), k.countryCode(), shard, a.dataUp(),
          a.dataDown(), a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
    }
    return rows;
  }
}
