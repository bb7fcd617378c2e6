package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.USAGE_ACCOUNT_HOURLY;
import static dev.wireless.persistence.jooq.Tables.USAGE_SIM_HOURLY;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.impl.DSL;

/**
 * Writes usage into the hourly rollups, per SIM and per account, on the caller's transaction so
 * usage counts if and only if the change that caused it commits. Rows are written in key order,
 * so concurrent transactions touching the same account's rows cannot deadlock on them.
 */
public final class UsageRollups {

  private static final dev.wireless.persistence.jooq.tables.UsageSimHourly S = USAGE_SIM_HOURLY;
  private static final dev.wireless.persistence.jooq.tables.UsageAccountHourly A = USAGE_ACCOUNT_HOURLY;

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
    return add(tx, accountSid, simSid, new TreeMap<>(Map.of(new UsageKey(at, roaming,
        countryCode == null ? "" : countryCode), amounts)))
        .compose(v -> ReadyActivation.commandCounted(tx, simSid, at));
  }

  /** Adds {@code cells} (hour/roaming/country → amounts) to one SIM's and its account's rollups. */
  public Future<Void> add(SqlClient tx, String accountSid, String simSid, SortedMap<UsageKey, UsageAmounts> cells) {
    if (cells.isEmpty()) {
      return Future.succeededFuture();
    }
    var sim = SQL.insertInto(S, S.ACCOUNT_SID, S.SIM_SID, S.HOUR, S.ROAMING, S.COUNTRY_CODE, S.DATA_UP, S.DATA_DOWN,
        S.DATA_BILLED, S.CMD_TO_SIM, S.CMD_FROM_SIM, S.CMD_BILLED);
    var account = SQL.insertInto(A, A.ACCOUNT_SID, A.HOUR, A.ROAMING, A.COUNTRY_CODE, A.DATA_UP, A.DATA_DOWN,
        A.DATA_BILLED, A.CMD_TO_SIM, A.CMD_FROM_SIM, A.CMD_BILLED);
    for (Map.Entry<UsageKey, UsageAmounts> cell : cells.entrySet()) {
      UsageKey k = cell.getKey();
      UsageAmounts a = cell.getValue();
      sim = sim.values(accountSid, simSid, k.hour(), k.roaming(), k.countryCode(), a.dataUp(), a.dataDown(),
          a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
      account = account.values(accountSid, k.hour(), k.roaming(), k.countryCode(), a.dataUp(), a.dataDown(),
          a.dataBilled(), a.toSim(), a.fromSim(), a.commandsBilled());
    }
    var simUpsert = sim.onConflict(S.ACCOUNT_SID, S.SIM_SID, S.HOUR, S.ROAMING, S.COUNTRY_CODE).doUpdate()
        .set(S.DATA_UP, S.DATA_UP.plus(DSL.excluded(S.DATA_UP)))
        .set(S.DATA_DOWN, S.DATA_DOWN.plus(DSL.excluded(S.DATA_DOWN)))
        .set(S.DATA_BILLED, S.DATA_BILLED.plus(DSL.excluded(S.DATA_BILLED)))
        .set(S.CMD_TO_SIM, S.CMD_TO_SIM.plus(DSL.excluded(S.CMD_TO_SIM)))
        .set(S.CMD_FROM_SIM, S.CMD_FROM_SIM.plus(DSL.excluded(S.CMD_FROM_SIM)))
        .set(S.CMD_BILLED, S.CMD_BILLED.plus(DSL.excluded(S.CMD_BILLED)));
    var accountUpsert = account.onConflict(A.ACCOUNT_SID, A.HOUR, A.ROAMING, A.COUNTRY_CODE).doUpdate()
        .set(A.DATA_UP, A.DATA_UP.plus(DSL.excluded(A.DATA_UP)))
        .set(A.DATA_DOWN, A.DATA_DOWN.plus(DSL.excluded(A.DATA_DOWN)))
        .set(A.DATA_BILLED, A.DATA_BILLED.plus(DSL.excluded(A.DATA_BILLED)))
        .set(A.CMD_TO_SIM, A.CMD_TO_SIM.plus(DSL.excluded(A.CMD_TO_SIM)))
        .set(A.CMD_FROM_SIM, A.CMD_FROM_SIM.plus(DSL.excluded(A.CMD_FROM_SIM)))
        .set(A.CMD_BILLED, A.CMD_BILLED.plus(DSL.excluded(A.CMD_BILLED)));
    return SqlExecutor.execute(tx, simUpsert).compose(v -> SqlExecutor.execute(tx, accountUpsert)).mapEmpty();
  }
}
