package dev.wireless.server.ingestion;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.persistence.DatabaseErrors.DuplicateKeyException;
import dev.wireless.server.ingestion.EventParser.BadEvent;
import dev.wireless.server.usage.CommandShards;
import dev.wireless.server.usage.DataSessionRepository;
import dev.wireless.server.usage.DataSessionRepository.SessionWrite;
import dev.wireless.server.usage.PriceTable;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
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
  private final PriceTable prices;
  private final Enforcement enforcement;
  private final MessageIngestion messages;
  private final Clock clock;
  private final CommandShards shards = new CommandShards();

  /** @param messages where MO SMS and delivery receipts go (the Commands service) */
  public IngestionService(Pool pool, PriceTable prices, CallbackOutbox outbox, MessageEvents messages,
                          Clock clock) {
    this.pool = pool;
    this.prices = prices;
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
    Future<JsonArray> data = valid.isEmpty() ? Future.succeededFuture(new JsonArray()) : applyOnShard(valid, results, now);
    return data.compose(directives -> messages.apply(messaging, results)
        .map(v -> IngestionResults.summary(results, directives)));
  }

  /**
   * The batch's transaction, on an account shard leased for as long as it runs
   * ({@link UsageRollups#addToAccounts}). The events are first stored as if all were new; when one
   * was stored already, the insert fails the transaction, which runs again skipping stored events
   * ({@link EventRepository#insert}).
   */
  private Future<JsonArray> applyOnShard(Map<Integer, NetworkEvent> valid, Map<Integer, JsonObject> results,
                                         OffsetDateTime now) {
    CommandShards.Lease shard = shards.lease();
    return pool.withTransaction(tx -> apply(tx, valid, results, now, false, shard.shard()))
        .recover(e -> e instanceof DuplicateKeyException
            ? pool.withTransaction(tx -> apply(tx, valid, results, now, true, shard.shard())) : Future.failedFuture(e))
        .onComplete(done -> shard.release());
  }

  /**
   * The batch's transaction in three round trips: (1) locks its SIMs and reads the stored picture
   * of their sessions and their enforcement state, (2) stores the events and writes sessions, SIM
   * rollups, enforcement state and, last, the account rollups, (3) commits. Statements that do not
   * depend on each other's answers are sent together; the connection pipelines them and Postgres
   * runs them in the order sent (SIM rows, then enforcement state, then account rows, as every
   * writer). Only a batch with late or reordered events ({@link SessionUpdates}) reads those
   * sessions' events, and only the retry after a resent event waits for the insert's answer.
   */
  private Future<JsonArray> apply(SqlClient tx, Map<Integer, NetworkEvent> valid, Map<Integer, JsonObject> results,
                                  OffsetDateTime now, boolean mayBeStored, short shard) {
    Set<String> iccids = valid.values().stream().map(NetworkEvent::iccid).collect(Collectors.toSet());
    EventRepository events = new EventRepository(tx);
    Future<Map<String, SimPlan>> locked = events.lockSims(iccids);
    Future<Map<StoredEvent.SessionId, SessionWrite>> stored = storedSessions(tx, valid.values());
    Future<Enforcement.Stored> state = Enforcement.load(tx, iccids);
    return Future.all(locked, stored, state).compose(read -> {
      Map<String, SimPlan> sims = locked.result();
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
      Map<Long, SimPlan> byId = sims.values().stream().collect(Collectors.toMap(SimPlan::simId, s -> s));
      Batch batch = new Batch(byId, stored.result(), state.result(), now, shard);
      Future<Predicate<EventKey>> inserted = events.insert(known, mayBeStored);
      if (!mayBeStored) {
        // every event is new, or the insert fails the transaction: the writes go out behind it
        recordResults(results, indexes, known, key -> true);
        return Future.all(inserted, write(tx, batch, known)).map(all -> all.resultAt(1));
      }
      return inserted.compose(isNew -> write(tx, batch, recordResults(results, indexes, known, isNew)));
    });
  }

  /** What the batch's writes need besides its new events. */
  private record Batch(Map<Long, SimPlan> sims, Map<StoredEvent.SessionId, SessionWrite> stored,
                       Enforcement.Stored state, OffsetDateTime now, short shard) {
  }

  /** Records each known event's result; returns the new ones. */
  private static List<StoredEvent> recordResults(Map<Integer, JsonObject> results, List<Integer> indexes,
                                          List<StoredEvent> known, Predicate<EventKey> isNew) {
    List<StoredEvent> fresh = new ArrayList<>();
    for (int k = 0; k < known.size(); k++) {
      StoredEvent e = known.get(k);
      boolean added = isNew.test(EventKey.of(e.event()));
      results.put(indexes.get(k), IngestionResults.result(indexes.get(k), e.event().eventId(),
          added ? "accepted" : "duplicate"));
      if (added) {
        fresh.add(e);
      }
    }
    return fresh;
  }

  private static Future<Map<StoredEvent.SessionId, SessionWrite>> storedSessions(SqlClient tx,
                                                                                 Collection<NetworkEvent> events) {
    Set<List<Object>> ids = new HashSet<>();
    events.forEach(e -> ids.add(List.of(e.iccid(), e.sessionKey(), e.sessionStart().toInstant())));
    String[] iccids = new String[ids.size()];
    String[] keys = new String[ids.size()];
    OffsetDateTime[] starts = new OffsetDateTime[ids.size()];
    int i = 0;
    for (List<Object> id : ids) {
      iccids[i] = (String) id.get(0);
      keys[i] = (String) id.get(1);
      starts[i++] = ((Instant) id.get(2)).atOffset(ZoneOffset.UTC);
    }
    return new DataSessionRepository(tx).current(iccids, keys, starts).map(rows -> {
      Map<StoredEvent.SessionId, SessionWrite> byId = new HashMap<>();
      rows.forEach(r -> byId.put(new StoredEvent.SessionId(r.simId(), r.key(), r.start().toInstant()), r));
      return byId;
    });
  }

  /** Sessions, SIM rollups, enforcement state, then the account rollups, for the batch's new events. */
  private Future<JsonArray> write(SqlClient tx, Batch batch, List<StoredEvent> fresh) {
    if (fresh.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    SessionUpdates updates = new SessionUpdates(fresh, batch.stored());
    Future<Void> history = updates.needingHistory().isEmpty() ? Future.succeededFuture()
        : new EventRepository(tx).sessionEvents(updates.needingHistory()).map(all -> {
          updates.recompute(all);
          return null;
        });
    return history.compose(v -> {
      Map<Long, SimPlan> sims = batch.sims();
      List<SessionWrite> created = new ArrayList<>();
      updates.created().forEach(s -> created.add(write(sims.get(s.simId()), s)));
      List<SessionWrite> changed = new ArrayList<>();
      updates.changed().forEach(s -> changed.add(write(sims.get(s.simId()), s)));
      List<UsageRollups.SimUsage> usage = new ArrayList<>();
      updates.deltaBySim().forEach((simId, delta) -> {
        SimPlan plan = sims.get(simId);
        usage.add(new UsageRollups.SimUsage(plan.accountSid(), plan.simSid(), priced(plan, delta)));
      });
      UsageRollups rollups = new UsageRollups(tx, prices);
      Future<Void> sessions = new DataSessionRepository(tx).write(created, changed);
      Future<Void> simRows = rollups.addToSims(usage);
      Future<JsonArray> directives = enforcement.applyAll(tx, sims, updates.deltaBySim(), batch.state(), batch.now(),
          () -> rollups.addToAccounts(usage, batch.shard()));
      return Future.all(sessions, simRows, directives).map(all -> directives.result());
    });
  }

  private TreeMap<UsageKey, UsageAmounts> priced(SimPlan plan, Map<UsageKey, long[]> delta) {
    TreeMap<UsageKey, UsageAmounts> cells = new TreeMap<>();
    delta.forEach((k, v) -> cells.put(k, UsageAmounts.data(v[0], v[1],
        prices.data(plan.metering(), k.roaming(), v[0] + v[1]))));
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
