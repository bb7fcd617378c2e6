package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.SIMS;
import static dev.wireless.persistence.jooq.Tables.SIM_USAGE_STATE;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * Reads and writes {@code sim_usage_state}, the per-SIM counters of the current metering period
 * that data limits are enforced on, and the lifetime counts that activate a {@code ready} SIM by
 * use. The usage package owns the table; ingestion reads the state and decides the new values
 * while it holds the SIMs' row locks, and asks this repository, created on its transaction, to
 * store them; a Command counts itself here.
 */
public final class EnforcementStateRepository {

  /** One SIM's counters and data state as they stand after a batch. */
  public record State(long simId, OffsetDateTime month, long homeBytes, long nationalBytes,
                      long internationalBytes, long lifetimeBytes, String dataState,
                      OffsetDateTime notifiedMonth) {
  }

  private static final dev.wireless.persistence.jooq.tables.SimUsageState U = SIM_USAGE_STATE;
  private static final ArrayRows STATES = ArrayRows.of("u", U.SIM_ID, U.MONTH, U.HOME_BYTES, U.NATIONAL_BYTES,
      U.INTERNATIONAL_BYTES, U.LIFETIME_BYTES, U.DATA_STATE, U.NOTIFIED_MONTH);
  /** One shape for any number of SIMs: rendered and prepared once. */
  private static final SqlExecutor.Template SAVE = SqlExecutor.Template.of(SQL.insertInto(U)
      .columns(STATES.columns()).select(STATES.select()).onConflict(U.SIM_ID).doUpdate()
      .set(U.MONTH, DSL.excluded(U.MONTH)).set(U.HOME_BYTES, DSL.excluded(U.HOME_BYTES))
      .set(U.NATIONAL_BYTES, DSL.excluded(U.NATIONAL_BYTES))
      .set(U.INTERNATIONAL_BYTES, DSL.excluded(U.INTERNATIONAL_BYTES))
      .set(U.LIFETIME_BYTES, DSL.excluded(U.LIFETIME_BYTES)).set(U.DATA_STATE, DSL.excluded(U.DATA_STATE))
      .set(U.NOTIFIED_MONTH, DSL.excluded(U.NOTIFIED_MONTH)).set(U.UPDATED_AT, DSL.currentOffsetDateTime()));

  /** A SIM that has just had one more Command: what {@link ReadyActivation} decides on. */
  public record CommandCount(long simId, String accountSid, String status, long lifetimeCommands) {
  }

  /**
   * Adds one to the lifetime Command count of the SIM with a SID and returns it with the SIM's
   * status, in one statement (it runs for every Command). Placeholders: the SID, the month a first
   * row starts.
   */
  private static final SqlExecutor.Template COUNT_COMMAND = countCommand();

  private static final SqlExecutor.Template BY_ICCIDS = SqlExecutor.Template.of(SQL.select(U.SIM_ID, U.MONTH,
          U.HOME_BYTES, U.NATIONAL_BYTES, U.INTERNATIONAL_BYTES, U.LIFETIME_BYTES, U.DATA_STATE, U.NOTIFIED_MONTH)
      .from(U).join(SIMS).on(SIMS.ID.eq(U.SIM_ID))
      .where(SIMS.ICCID.eq(DSL.any(DSL.param(SIMS.ICCID.getDataType().getArrayDataType())))));

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  public EnforcementStateRepository(SqlClient db) {
    this.db = db;
  }

  /**
   * The stored states of the SIMs with these ICCIDs (those that have one). Named by ICCID so that a
   * batch can send it with the statement that locks its SIMs, without waiting for their ids.
   */
  public Future<List<State>> findByIccids(Collection<String> iccids) {
    return BY_ICCIDS.execute(db, (Object) iccids.toArray(String[]::new)).map(rows -> {
      List<State> states = new ArrayList<>(rows.size());
      for (Row r : rows) {
        states.add(new State(r.getLong(0), r.getOffsetDateTime(1), r.getLong(2), r.getLong(3), r.getLong(4),
            r.getLong(5), r.getString(6), r.getOffsetDateTime(7)));
      }
      return states;
    });
  }

  /**
   * Inserts or replaces the states in one statement, in the order given (callers pass them by SIM id,
   * the order every writer locks in).
   */
  public Future<Void> saveAll(List<State> states) {
    if (states.isEmpty()) {
      return Future.succeededFuture();
    }
    ArrayRows.Batch rows = STATES.batch(states.size());
    int i = 0;
    for (State s : states) {
      rows.row(i++, s.simId(), s.month(), s.homeBytes(), s.nationalBytes(), s.internationalBytes(),
          s.lifetimeBytes(), s.dataState(), s.notifiedMonth());
    }
    return SAVE.execute(db, rows.values()).mapEmpty();
  }

  /**
   * Counts one Command of the SIM {@code simSid} (a first row starts in {@code month}); empty when
   * there is no such SIM.
   */
  public Future<Optional<CommandCount>> countCommand(String simSid, OffsetDateTime month) {
    return COUNT_COMMAND.execute(db, simSid, month).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      Row row = rows.iterator().next();
      return Optional.of(new CommandCount(row.getLong(0), row.getString(1), row.getString(2), row.getLong(3)));
    });
  }

  private static SqlExecutor.Template countCommand() {
    var sim = DSL.name("sim").as(DSL.select(SIMS.ID, SIMS.ACCOUNT_SID, SIMS.STATUS).from(SIMS)
        .where(SIMS.SID.eq(DSL.param(SIMS.SID.getDataType()))));
    var counted = DSL.name("counted").as(SQL.insertInto(U, U.SIM_ID, U.MONTH, U.LIFETIME_COMMANDS)
        .select(DSL.select(sim.field(SIMS.ID), DSL.param(U.MONTH.getDataType()), DSL.inline(1L)).from(sim))
        .onConflict(U.SIM_ID).doUpdate()
        .set(U.LIFETIME_COMMANDS, U.LIFETIME_COMMANDS.plus(DSL.inline(1L)))
        .set(U.UPDATED_AT, DSL.currentOffsetDateTime())
        .returningResult(U.SIM_ID, U.LIFETIME_COMMANDS));
    return SqlExecutor.Template.of(SQL.with(sim).with(counted)
        .select(sim.field(SIMS.ID), sim.field(SIMS.ACCOUNT_SID), sim.field(SIMS.STATUS),
            counted.field(U.LIFETIME_COMMANDS))
        .from(sim).join(counted).on(counted.field(U.SIM_ID).eq(sim.field(SIMS.ID))));
  }
}
