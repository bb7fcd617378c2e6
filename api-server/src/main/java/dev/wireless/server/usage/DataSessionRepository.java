package dev.wireless.server.usage;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.DATA_SESSIONS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.common.Sids;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Data sessions, on the client it is created on: {@code new DataSessionRepository(pool)} for reads,
 * {@code new DataSessionRepository(tx)} for ingestion's writes, which commit with its batch. Pages
 * read newest start first, whatever order the network reported them in: the sort key packs the start
 * second (since 2020) above the id's low 24 bits (the tie-break within a second), and the page key
 * ({@link DataSessionRow#pageKey}) is {@code Long.MAX_VALUE - sortKey}, so the shared ascending
 * keyset tokens walk the starts downwards.
 */
public final class DataSessionRepository {

  private static final dev.wireless.persistence.jooq.tables.DataSessions D = DATA_SESSIONS;

  private static final Field<Long> SORT_KEY = DSL.field("(((floor(extract(epoch from {0}))::bigint - "
      + DataSessionRow.EPOCH_2020 + ") << 24) | ({1} & " + DataSessionRow.ID_BITS + "))", Long.class, D.STARTED_AT,
      D.ID);

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  public DataSessionRepository(SqlClient db) {
    this.db = db;
  }

  /** Up to {@code size + 1} sessions of the SIM started since {@code since}, in reading order. */
  public Future<List<DataSessionRow>> page(long simId, OffsetDateTime since, PageRequest request) {
    Condition where = D.SIM_ID.eq(simId).and(D.STARTED_AT.ge(since));
    if (request.token() != null) {
      long boundary = Long.MAX_VALUE - request.token().boundary();
      where = where.and(request.backwards() ? SORT_KEY.gt(boundary) : SORT_KEY.lt(boundary));
    }
    return SqlExecutor.execute(db, SQL.selectFrom(D).where(where)
            .orderBy(request.backwards() ? SORT_KEY.asc() : SORT_KEY.desc()).limit(request.size() + 1))
        .map(rows -> {
          List<DataSessionRow> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new DataSessionRow(r.getLong("id"), r.getString("sid"), r.getString("sim_sid"),
                r.getString("account_sid"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("ended_at"),
                r.getOffsetDateTime("last_updated_at"), r.getString("radio_link"), r.getString("operator_mcc"),
                r.getString("operator_mnc"), r.getString("operator_country"), r.getString("operator_name"),
                r.getString("cell_id"), r.getDouble("cell_lat"), r.getDouble("cell_lon"), r.getString("imei"),
                r.getLong("packets_up"), r.getLong("packets_down")));
          }
          return list;
        });
  }

  /**
   * The latest session (the newest row) of the SIM whose id is {@code simId}, as a lateral table of
   * one row or none: its roaming class, its visited country and whether it is still open (no end
   * event yet). The SIM's latest session is where it is on the network now. A fragment that other
   * packages' fixed statements join (so static, and it runs nothing itself).
   */
  public static Table<Record3<String, String, Boolean>> latestOf(Field<Long> simId) {
    return DSL.lateral(DSL.select(D.ROAMING, D.COUNTRY_CODE, D.ENDED_AT.isNull().as("session_open")).from(D)
        .where(D.SIM_ID.eq(simId)).orderBy(D.ID.desc()).limit(DSL.inline(1))).as("latest_session");
  }

  /**
   * A session to write (its identity and its recomputed picture), or as stored. {@code roaming} and
   * {@code countryCode} are where the SIM was at the session's latest event.
   */
  public record SessionWrite(long simId, String simSid, String accountSid, String key, OffsetDateTime start,
                             OffsetDateTime end, OffsetDateTime lastUpdated, String radioLink, String mcc, String mnc,
                             String country, String operator, String cellId, Double lat, Double lon, String imei,
                             long bytesUp, long bytesDown, long packetsUp, long packetsDown, String roaming,
                             String countryCode) {
  }

  private static final ArrayRows KEYS = ArrayRows.of("k", SIMS.ICCID, D.SESSION_KEY, D.STARTED_AT);
  /**
   * The keys with their SIM's id, materialized: joined in one query with the sessions, the planner
   * looked the sessions up by SIM alone (every session of the SIM, filtered), not by their key.
   */
  private static final CommonTableExpression<Record3<Long, String, OffsetDateTime>> SIM_KEYS = DSL.name("sk")
      .asMaterialized(DSL.select(SIMS.ID.as(D.SIM_ID.getName()), KEYS.field(D.SESSION_KEY), KEYS.field(D.STARTED_AT))
          .from(KEYS.table()).join(SIMS).on(SIMS.ICCID.eq(KEYS.field(SIMS.ICCID))));
  private static final SqlExecutor.Template CURRENT = SqlExecutor.Template.of(SQL.with(SIM_KEYS).select(D.SIM_ID,
          D.SIM_SID, D.ACCOUNT_SID, D.SESSION_KEY, D.STARTED_AT, D.ENDED_AT, D.LAST_UPDATED_AT, D.RADIO_LINK,
          D.OPERATOR_MCC, D.OPERATOR_MNC, D.OPERATOR_COUNTRY, D.OPERATOR_NAME, D.CELL_ID, D.CELL_LAT, D.CELL_LON, D.IMEI,
          D.BYTES_UP, D.BYTES_DOWN, D.PACKETS_UP, D.PACKETS_DOWN, D.ROAMING, D.COUNTRY_CODE)
      .from(SIM_KEYS).join(D).on(D.SIM_ID.eq(SIM_KEYS.field(D.SIM_ID)))
      .and(D.SESSION_KEY.eq(SIM_KEYS.field(D.SESSION_KEY))).and(D.STARTED_AT.eq(SIM_KEYS.field(D.STARTED_AT))));

  /**
   * The stored picture of those of these sessions that exist ({@code iccids[i]}, {@code keys[i]},
   * {@code starts[i]} name one session). Named by the SIM's ICCID, so that it can be sent with the
   * statement that locks the SIMs, without waiting for their ids.
   */
  public Future<List<SessionWrite>> current(String[] iccids, String[] keys, OffsetDateTime[] starts) {
    return CURRENT.execute(db, iccids, keys, starts).map(rows -> {
      List<SessionWrite> sessions = new ArrayList<>(rows.size());
      for (Row r : rows) {
        sessions.add(new SessionWrite(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
            r.getOffsetDateTime(4), r.getOffsetDateTime(5), r.getOffsetDateTime(6), r.getString(7), r.getString(8),
            r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getDouble(13), r.getDouble(14),
            r.getString(15), r.getLong(16), r.getLong(17), r.getLong(18), r.getLong(19), r.getString(20),
            r.getString(21)));
      }
      return sessions;
    });
  }

  private static final ArrayRows WRITES = ArrayRows.of("w", D.SID, D.SIM_ID, D.SIM_SID, D.ACCOUNT_SID,
      D.SESSION_KEY, D.STARTED_AT, D.ENDED_AT, D.LAST_UPDATED_AT, D.RADIO_LINK, D.OPERATOR_MCC, D.OPERATOR_MNC,
      D.OPERATOR_COUNTRY, D.OPERATOR_NAME, D.CELL_ID, D.CELL_LAT, D.CELL_LON, D.IMEI, D.BYTES_UP, D.BYTES_DOWN,
      D.PACKETS_UP, D.PACKETS_DOWN, D.ROAMING, D.COUNTRY_CODE);
  private static final SqlExecutor.Template INSERT = SqlExecutor.Template.of(SQL.insertInto(D)
      .columns(WRITES.columns()).select(WRITES.select()));
  private static final SqlExecutor.Template UPDATE = SqlExecutor.Template.of(SQL.update(D)
      .set(D.ENDED_AT, WRITES.field(D.ENDED_AT))
      .set(D.LAST_UPDATED_AT, WRITES.field(D.LAST_UPDATED_AT))
      .set(D.RADIO_LINK, WRITES.field(D.RADIO_LINK))
      .set(D.OPERATOR_MCC, WRITES.field(D.OPERATOR_MCC))
      .set(D.OPERATOR_MNC, WRITES.field(D.OPERATOR_MNC))
      .set(D.OPERATOR_COUNTRY, WRITES.field(D.OPERATOR_COUNTRY))
      .set(D.OPERATOR_NAME, WRITES.field(D.OPERATOR_NAME))
      .set(D.CELL_ID, WRITES.field(D.CELL_ID))
      .set(D.CELL_LAT, WRITES.field(D.CELL_LAT))
      .set(D.CELL_LON, WRITES.field(D.CELL_LON))
      .set(D.IMEI, WRITES.field(D.IMEI))
      .set(D.BYTES_UP, WRITES.field(D.BYTES_UP))
      .set(D.BYTES_DOWN, WRITES.field(D.BYTES_DOWN))
      .set(D.PACKETS_UP, WRITES.field(D.PACKETS_UP))
      .set(D.PACKETS_DOWN, WRITES.field(D.PACKETS_DOWN))
      .set(D.ROAMING, WRITES.field(D.ROAMING))
      .set(D.COUNTRY_CODE, WRITES.field(D.COUNTRY_CODE))
      .from(WRITES.table())
      .where(D.SIM_ID.eq(WRITES.field(D.SIM_ID))).and(D.SESSION_KEY.eq(WRITES.field(D.SESSION_KEY)))
      .and(D.STARTED_AT.eq(WRITES.field(D.STARTED_AT))));

  /**
   * Writes new sessions (each gets a new SID) and replaces the picture of stored ones (which keep
   * their id and SID), in the given order. The caller knows which sessions are stored and holds
   * their SIMs' locks, so no other writer can add one in between: plain inserts and updates, without
   * the conflict check of an upsert.
   */
  public Future<Void> write(List<SessionWrite> created, List<SessionWrite> changed) {
    Future<?> inserted = created.isEmpty() ? Future.succeededFuture() : INSERT.execute(db, rows(created, true));
    Future<?> updated = changed.isEmpty() ? Future.succeededFuture() : UPDATE.execute(db, rows(changed, false));
    return Future.all(inserted, updated).mapEmpty();
  }

  private static Object[] rows(List<SessionWrite> sessions, boolean withNewSids) {
    ArrayRows.Batch rows = WRITES.batch(sessions.size());
    for (int i = 0; i < sessions.size(); i++) {
      SessionWrite s = sessions.get(i);
      rows.row(i, withNewSids ? Sids.newSid("WN") : null, s.simId(), s.simSid(), s.accountSid(), s.key(), s.start(),
          s.end(), s.lastUpdated(), s.radioLink(), s.mcc(), s.mnc(), s.country(), s.operator(), s.cellId(), s.lat(),
          s.lon(), s.imei(), s.bytesUp(), s.bytesDown(), s.packetsUp(), s.packetsDown(), s.roaming(),
          s.countryCode() == null ? "" : s.countryCode());
    }
    return rows.values();
  }
}
