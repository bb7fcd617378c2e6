package dev.wireless.server.ingestion;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import dev.wireless.server.ingestion.EventParser.BadEvent;
import dev.wireless.server.usage.DataSessionRepository;
import dev.wireless.server.usage.DataSessionRepository.SessionWrite;
import dev.wireless.server.usage.UsageAmounts;
import dev.wireless.server.usage.UsageKey;
import dev.wireless.server.usage.UsageRollups;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Applies a batch of carrier events in one transaction: stores the new ones (a resent event is a
 * no-op), brings the sessions they touch up to date, adds the usage difference to the hourly
 * rollups and enforces the rate plans. A bad event is reported with its index and the rest are kept.
 */
public final class IngestionService {

  public static final int MAX_BATCH = 1000;
  static final Duration SESSION_RETENTION = Duration.ofDays(30);
  private static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

  private final Pool pool;
  private final UsageRollups rollups;
  private final Enforcement enforcement;
  private final MessageIngestion messages;
  private final Clock clock;

  /** @param messages where MO SMS and delivery receipts go (the Commands service) */
  public IngestionService(Pool pool, UsageRollups rollups, CallbackOutbox outbox, MessageEvents messages,
                          Clock clock) {
    this.pool = pool;
    this.rollups = rollups;
    this.enforcement = new Enforcement(outbox);
    this.messages = new MessageIngestion(messages);
    this.clock = clock;
  }

  /** The outcome of a batch: per-event results (in batch order) and the carrier directives. */
  public Future<JsonObject> ingest(JsonArray batch) {
    Map<Integer, JsonObject> results = new TreeMap<>();
    Map<Integer, NetworkEvent> valid = new LinkedHashMap<>();
    Map<Integer, Object> messaging = new TreeMap<>();
    Set<EventKey> seen = new HashSet<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (int i = 0; i < batch.size(); i++) {
      try {
        if (MessageEventParser.isMessage(batch.getValue(i))) {
          messaging.put(i, MessageEventParser.parse(batch.getJsonObject(i)));
          continue;
        }
        NetworkEvent e = EventParser.parse(batch.getValue(i));
        if (e.sessionStart().isBefore(now.minus(SESSION_RETENTION)) || e.time().isAfter(now.plus(MAX_CLOCK_SKEW))) {
          throw new BadEvent("time and session_start must lie within the last 30 days");
        }
        if (!seen.add(EventKey.of(e))) {
          results.put(i, IngestionResults.result(i, e.eventId(), "duplicate"));
        } else {
          valid.put(i, e);
        }
      } catch (BadEvent bad) {
        results.put(i, IngestionResults.rejected(i, eventId(batch.getValue(i)), bad.getMessage()));
      }
    }
    Future<JsonArray> data = valid.isEmpty() ? Future.succeededFuture(new JsonArray())
        : pool.withTransaction(tx -> apply(tx, valid, results, now, false))
            .recover(e -> e instanceof DuplicateKeyException
                ? pool.withTransaction(tx -> apply(tx, valid, results, now, true)) : Future.failedFuture(e));
    return data.compose(directives -> messages.apply(messaging, results)
        .map(v -> IngestionResults.summary(results, directives)));
  }

  /**
   * The batch's transaction: locks its SIMs, stores its events while reading the stored picture of
   * their sessions, reads the events only of sessions that a new event does not simply continue
   * ({@link SessionUpdates}), then writes sessions, rollups and enforcement state. The events are
   * first stored as if all were new; when one was stored already ({@code mayBeStored} false), the
   * transaction fails, and runs again skipping stored events ({@link EventRepository#insert}). Statements that
   * do not depend on each other are sent together; the connection pipelines them, and Postgres runs
   * them in the order sent (SIM rows, then account rows, then enforcement state, as every writer).
   */
  private Future<JsonArray> apply(SqlClient tx, Map<Integer, NetworkEvent> valid, Map<Integer, JsonObject> results,
                                  OffsetDateTime now, boolean mayBeStored) {
    Set<String> iccids = valid.values().stream().map(NetworkEvent::iccid).collect(Collectors.toSet());
    return EventRepository.lockSims(tx, iccids).compose(sims -> {
      List<StoredEvent> known = new ArrayList<>();
      List<Integer> indexes = new ArrayList<>();
      valid.forEach((i, e) -> {
        SimPlan sim = sims.get(e.iccid());
        if (sim == null) {
          results.put(i, IngestionResults.rejected(i, e.eventId(), "no SIM has ICCID " + e.iccid()));
        } else {
          known.add(new StoredEvent(sim.simId(), e));
          indexes.add(i);
        }
      });
      if (known.isEmpty()) {
        return Future.succeededFuture(new JsonArray());
      }
      Future<Predicate<EventKey>> inserted = EventRepository.insert(tx, known, mayBeStored);
      Future<Map<StoredEvent.SessionId, SessionWrite>> stored = storedSessions(tx, known);
      return Future.all(inserted, stored).compose(both -> {
        List<StoredEvent> fresh = new ArrayList<>();
        for (int k = 0; k < known.size(); k++) {
          StoredEvent e = known.get(k);
          boolean isNew = inserted.result().test(EventKey.of(e.event()));
          results.put(indexes.get(k), IngestionResults.result(indexes.get(k), e.event().eventId(),
              isNew ? "accepted" : "duplicate"));
          if (isNew) {
            fresh.add(e);
          }
        }
        return fresh.isEmpty() ? Future.succeededFuture(new JsonArray())
            : applyFresh(tx, new SessionUpdates(fresh, stored.result()),
                sims.values().stream().collect(Collectors.toMap(SimPlan::simId, s -> s)), now);
      });
    });
  }

  private static Future<Map<StoredEvent.SessionId, SessionWrite>> storedSessions(SqlClient tx,
                                                                                 List<StoredEvent> events) {
    Set<StoredEvent.SessionId> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.session()));
    Long[] sims = new Long[ids.size()];
    String[] keys = new String[ids.size()];
    OffsetDateTime[] starts = new OffsetDateTime[ids.size()];
    int i = 0;
    for (StoredEvent.SessionId id : ids) {
      sims[i] = id.simId();
      keys[i] = id.key();
      starts[i++] = id.start().atOffset(ZoneOffset.UTC);
    }
    return DataSessionRepository.current(tx, sims, keys, starts).map(rows -> {
      Map<StoredEvent.SessionId, SessionWrite> byId = new HashMap<>();
      rows.forEach(r -> byId.put(new StoredEvent.SessionId(r.simId(), r.key(), r.start().toInstant()), r));
      return byId;
    });
  }

  private Future<JsonArray> applyFresh(SqlClient tx, SessionUpdates updates, Map<Long, SimPlan> sims,
                                       OffsetDateTime now) {
    Future<Void> history = updates.needingHistory().isEmpty() ? Future.succeededFuture()
        : EventRepository.sessionEvents(tx, updates.needingHistory()).map(all -> {
          updates.recompute(all);
          return null;
        });
    return history.compose(v -> {
      List<SessionWrite> created = new ArrayList<>();
      updates.created().forEach(s -> created.add(write(sims.get(s.simId()), s)));
      List<SessionWrite> changed = new ArrayList<>();
      updates.changed().forEach(s -> changed.add(write(sims.get(s.simId()), s)));
      List<UsageRollups.SimUsage> usage = new ArrayList<>();
      updates.deltaBySim().forEach((simId, delta) -> {
        SimPlan plan = sims.get(simId);
        usage.add(new UsageRollups.SimUsage(plan.accountSid(), plan.simSid(), priced(plan, delta)));
      });
      Future<Void> sessions = DataSessionRepository.write(tx, created, changed);
      Future<Void> rolledUp = rollups.addAll(tx, usage);
      Future<JsonArray> directives = enforcement.applyAll(tx, sims, updates.deltaBySim(), now);
      return Future.all(sessions, rolledUp, directives).map(all -> directives.result());
    });
  }

  private TreeMap<UsageKey, UsageAmounts> priced(SimPlan plan, Map<UsageKey, long[]> delta) {
    TreeMap<UsageKey, UsageAmounts> cells = new TreeMap<>();
    delta.forEach((k, v) -> cells.put(k, UsageAmounts.data(v[0], v[1],
        rollups.prices().data(plan.metering(), k.roaming(), v[0] + v[1]))));
    return cells;
  }

  private static SessionWrite write(SimPlan sim, SessionSummary s) {
    NetworkEvent l = s.latest();
    return new SessionWrite(sim.simId(), sim.simSid(), sim.accountSid(), s.sessionKey(), s.start(), s.end(),
        s.lastUpdated(), l.radioLink(), l.operatorMcc(), l.operatorMnc(), l.operatorCountry(), l.operatorName(),
        l.cellId(), l.cellLat(), l.cellLon(), l.imei(), s.bytesUp(), s.bytesDown(), s.packetsUp(), s.packetsDown(),
        l.roaming(), l.countryCode());
  }

  private static String eventId(Object raw) {
    return raw instanceof JsonObject o && o.getValue("event_id") instanceof String s ? s : null;
  }
}
