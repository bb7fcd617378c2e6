package dev.wireless.server.ingestion;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.NETWORK_EVENTS;
import static dev.wireless.persistence.jooq.Tables.RATE_PLANS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.rateplans.RoamingDataLimits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jooq.impl.DSL;

/**
 * Raw network events and the SIMs they name, on the ingestion transaction it is created on
 * ({@code new EventRepository(tx)}). Every statement has one shape whatever the batch holds (rows
 * travel as arrays, {@link ArrayRows}), so each is rendered once and prepared once per connection.
 */
final class EventRepository {

  private static final dev.wireless.persistence.jooq.tables.NetworkEvents E = NETWORK_EVENTS;

  private static final SqlExecutor.Template LOCK_SIMS = SqlExecutor.Template.of(SQL.select(SIMS.ID, SIMS.SID,
          SIMS.ACCOUNT_SID, SIMS.ICCID, SIMS.STATUS, RATE_PLANS.SID, RATE_PLANS.DATA_ENABLED,
          RATE_PLANS.DATA_METERING, RATE_PLANS.DATA_LIMIT, RATE_PLANS.DATA_LIMIT_STRATEGY,
          RATE_PLANS.NATIONAL_ROAMING_ENABLED, RATE_PLANS.NATIONAL_ROAMING_DATA_LIMIT,
          RATE_PLANS.INTERNATIONAL_ROAMING, RATE_PLANS.INTERNATIONAL_ROAMING_DATA_LIMIT,
          RATE_PLANS.USAGE_NOTIFICATION_URL, RATE_PLANS.USAGE_NOTIFICATION_METHOD, SIMS.ACTIVATED_AT)
      .from(SIMS).leftJoin(RATE_PLANS).on(RATE_PLANS.ID.eq(SIMS.RATE_PLAN_ID))
      .where(SIMS.ICCID.eq(DSL.any(DSL.param(SIMS.ICCID.getDataType().getArrayDataType()))))
      .orderBy(SIMS.ID).forNoKeyUpdate().of(SIMS));

  private static final ArrayRows NEW_EVENTS = ArrayRows.of("e", E.OCCURRED_AT, E.EVENT_ID, E.SIM_ID, E.KIND,
      E.SESSION_KEY, E.SESSION_STARTED_AT, E.BYTES_UP, E.BYTES_DOWN, E.PACKETS_UP, E.PACKETS_DOWN, E.ROAMING,
      E.COUNTRY_CODE, E.DETAILS);
  private static final SqlExecutor.Template INSERT = SqlExecutor.Template.of(SQL.insertInto(E)
      .columns(NEW_EVENTS.columns()).select(NEW_EVENTS.select()));
  private static final SqlExecutor.Template INSERT_UNLESS_STORED = SqlExecutor.Template.of(SQL.insertInto(E)
      .columns(NEW_EVENTS.columns()).select(NEW_EVENTS.select()).onConflictDoNothing()
      .returning(E.EVENT_ID, E.OCCURRED_AT));

  private static final ArrayRows SESSIONS = ArrayRows.of("s", E.SIM_ID, E.SESSION_KEY, E.SESSION_STARTED_AT);
  private static final SqlExecutor.Template SESSION_EVENTS = SqlExecutor.Template.of(SQL.select(E.SIM_ID,
          E.EVENT_ID, E.KIND, E.OCCURRED_AT, E.SESSION_KEY, E.SESSION_STARTED_AT, E.BYTES_UP, E.BYTES_DOWN,
          E.PACKETS_UP, E.PACKETS_DOWN, E.ROAMING, E.COUNTRY_CODE, E.DETAILS)
      .from(SESSIONS.table()).join(E).on(E.SIM_ID.eq(SESSIONS.field(E.SIM_ID)))
      .and(E.SESSION_KEY.eq(SESSIONS.field(E.SESSION_KEY)))
      .and(E.SESSION_STARTED_AT.eq(SESSIONS.field(E.SESSION_STARTED_AT)))
      .where(E.OCCURRED_AT.ge(DSL.param(E.OCCURRED_AT.getDataType()))));

  private final SqlClient tx;

  /** {@code tx}: the connection of the batch's transaction (the SIM locks are held until it ends). */
  EventRepository(SqlClient tx) {
    this.tx = tx;
  }

  /**
   * The SIMs with these ICCIDs and their plans, locked ({@code FOR NO KEY UPDATE}, in id order) so
   * batches touching the same SIM are applied one after the other.
   */
  Future<Map<String, SimPlan>> lockSims(Collection<String> iccids) {
    return LOCK_SIMS.execute(tx, (Object) iccids.toArray(String[]::new)).map(rows -> {
      Map<String, SimPlan> sims = new HashMap<>();
      for (Row r : rows) {
        String[] roaming = r.getArrayOfStrings(12);
        sims.put(r.getString(3), new SimPlan(r.getLong(0), r.getString(1), r.getString(2), r.getString(3),
            r.getString(4), r.getString(5), Boolean.TRUE.equals(r.getBoolean(6)), r.getString(7),
            r.getInteger(8), r.getString(9), Boolean.TRUE.equals(r.getBoolean(10)),
            RoamingDataLimits.effective(r.getInteger(11), r.getInteger(8)),
            roaming == null ? List.of() : Arrays.asList(roaming),
            RoamingDataLimits.effective(r.getInteger(13), r.getInteger(8)), r.getString(14), r.getString(15),
            r.getOffsetDateTime(16)));
      }
      return sims;
    });
  }

  /**
   * Inserts the events (one statement); says which of them were new. With {@code mayBeStored}
   * false, the insert assumes all are new and fails with a
   * {@link dev.wireless.persistence.DatabaseErrors.DuplicateKeyException} at the first that is
   * not: that spares Postgres a conflict check per event, the whole cost of a resent batch being
   * one more attempt. With {@code mayBeStored} true, stored events are skipped and named.
   */
  Future<Predicate<EventKey>> insert(List<StoredEvent> events, boolean mayBeStored) {
    ArrayRows.Batch rows = NEW_EVENTS.batch(events.size());
    for (int i = 0; i < events.size(); i++) {
      StoredEvent s = events.get(i);
      NetworkEvent e = s.event();
      rows.row(i, e.time(), e.eventId(), s.simId(), e.kind(), e.sessionKey(), e.sessionStart(), e.bytesUp(),
          e.bytesDown(), e.packetsUp(), e.packetsDown(), e.roaming(), e.countryCode(), EventDetails.json(e));
    }
    if (!mayBeStored) {
      return INSERT.execute(tx, rows.values()).map(inserted -> key -> true);
    }
    return INSERT_UNLESS_STORED.execute(tx, rows.values()).map(answer -> {
      Set<EventKey> added = new HashSet<>();
      answer.forEach(r -> added.add(new EventKey(r.getString(0), r.getOffsetDateTime(1).toInstant())));
      return added::contains;
    });
  }

  /** Every stored event of these sessions (those a batch cannot simply continue, see {@link SessionUpdates}). */
  Future<List<StoredEvent>> sessionEvents(Collection<StoredEvent.SessionId> sessions) {
    ArrayRows.Batch keys = SESSIONS.batch(sessions.size());
    Instant earliest = Instant.MAX;
    int i = 0;
    for (StoredEvent.SessionId s : sessions) {
      keys.row(i++, s.simId(), s.key(), s.start().atOffset(ZoneOffset.UTC));
      earliest = s.start().isBefore(earliest) ? s.start() : earliest;
    }
    return SESSION_EVENTS.execute(tx, keys.values(earliest.atOffset(ZoneOffset.UTC))).map(rows -> {
      List<StoredEvent> events = new ArrayList<>();
      for (Row r : rows) {
        JsonObject d = new JsonObject(r.getValue(12).toString());
        JsonObject cell = d.getJsonObject("cell_location", new JsonObject());
        events.add(new StoredEvent(r.getLong(0), new NetworkEvent(r.getString(1), r.getString(2), null,
            r.getOffsetDateTime(3), r.getString(4), r.getOffsetDateTime(5), d.getString("radio_link"),
            d.getString("operator_mcc"), d.getString("operator_mnc"), d.getString("operator_country"),
            d.getString("operator_name"), d.getString("cell_id"), cell.getDouble("lat"), cell.getDouble("lon"),
            d.getString("imei"), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getString(10),
            r.getString(11))));
      }
      return events;
    });
  }
}
