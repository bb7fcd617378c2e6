package dev.wireless.server.ingestion;

import dev.wireless.callbacks.CallbackOutbox;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Applies a batch of carrier events in one transaction: stores the new ones (a resent event is a
 * no-op), recomputes the sessions they touch, adds the usage difference to the hourly rollups and
 * enforces the rate plans. A bad event is reported with its index and the rest are kept.
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
        : pool.withTransaction(tx -> apply(tx, valid, results, now));
    return data.compose(directives -> messages.apply(messaging, results)
        .map(v -> IngestionResults.summary(results, directives)));
  }

  private Future<JsonArray> apply(SqlClient tx, Map<Integer, NetworkEvent> valid, Map<Integer, JsonObject> results,
                                  OffsetDateTime now) {
    Set<String> iccids = valid.values().stream().map(NetworkEvent::iccid).collect(Collectors.toSet());
    return EventRepository.lockSims(tx, iccids).compose(sims -> {
      List<StoredEvent> known = new ArrayList<>();
      Map<StoredEvent, Integer> indexOf = new LinkedHashMap<>();
      valid.forEach((i, e) -> {
        SimPlan sim = sims.get(e.iccid());
        if (sim == null) {
          results.put(i, IngestionResults.rejected(i, e.eventId(), "no SIM has ICCID " + e.iccid()));
        } else {
          StoredEvent stored = new StoredEvent(sim.simId(), e);
          known.add(stored);
          indexOf.put(stored, i);
        }
      });
      if (known.isEmpty()) {
        return Future.succeededFuture(new JsonArray());
      }
      return EventRepository.insert(tx, known).compose(added -> {
        List<StoredEvent> fresh = new ArrayList<>();
        indexOf.forEach((stored, i) -> {
          boolean isNew = added.contains(EventKey.of(stored.event()));
          results.put(i, IngestionResults.result(i, stored.event().eventId(), isNew ? "accepted" : "duplicate"));
          if (isNew) {
            fresh.add(stored);
          }
        });
        return fresh.isEmpty() ? Future.succeededFuture(new JsonArray())
            : applyFresh(tx, fresh, sims.values().stream().collect(Collectors.toMap(SimPlan::simId, s -> s)), now);
      });
    });
  }

  private Future<JsonArray> applyFresh(SqlClient tx, List<StoredEvent> fresh, Map<Long, SimPlan> sims,
                                       OffsetDateTime now) {
    Set<StoredEvent.SessionId> touched = fresh.stream().map(StoredEvent::session).collect(Collectors.toSet());
    Set<String> freshKeys = fresh.stream().map(IngestionService::identity).collect(Collectors.toSet());
    return EventRepository.sessionEvents(tx, touched).compose(all -> {
      Map<StoredEvent.SessionId, List<StoredEvent>> bySession = all.stream()
          .collect(Collectors.groupingBy(StoredEvent::session));
      java.util.SortedMap<Long, Map<UsageKey, long[]>> deltaBySim = new TreeMap<>();
      List<SessionWrite> writes = new ArrayList<>();
      bySession.forEach((id, events) -> {
        List<StoredEvent> before = events.stream().filter(e -> !freshKeys.contains(identity(e))).toList();
        Map<UsageKey, long[]> diff = Attribution.difference(Attribution.of(events), Attribution.of(before));
        Map<UsageKey, long[]> simDelta = deltaBySim.computeIfAbsent(id.simId(), k -> new TreeMap<>());
        diff.forEach((k, v) -> {
          long[] cell = simDelta.computeIfAbsent(k, x -> new long[2]);
          cell[0] += v[0];
          cell[1] += v[1];
        });
        writes.add(write(sims.get(id.simId()), SessionSummary.of(events)));
      });
      List<UsageRollups.SimUsage> usage = new ArrayList<>();
      deltaBySim.forEach((simId, delta) -> {
        SimPlan plan = sims.get(simId);
        usage.add(new UsageRollups.SimUsage(plan.accountSid(), plan.simSid(), priced(plan, delta)));
      });
      return DataSessionRepository.upsert(tx, writes)
          .compose(v -> rollups.addAll(tx, usage))
          .compose(v -> enforcement.applyAll(tx, sims, deltaBySim, now));
    });
  }

  private static String identity(StoredEvent e) {
    return e.simId() + "|" + EventKey.of(e.event());
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
        l.cellId(), l.cellLat(), l.cellLon(), l.imei(), s.bytesUp(), s.bytesDown(), s.packetsUp(), s.packetsDown());
  }

  private static String eventId(Object raw) {
    return raw instanceof JsonObject o && o.getValue("event_id") instanceof String s ? s : null;
  }
}
