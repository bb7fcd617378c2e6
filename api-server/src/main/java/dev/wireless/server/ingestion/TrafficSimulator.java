package dev.wireless.server.ingestion;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.SIMS;
import static dev.wireless.persistence.jooq.Tables.SIM_USAGE_STATE;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The simulated carrier's traffic for the demo fleet: at every tick each active SIM of the
 * account opens, continues or closes a data session on a plausible operator and cell (about one
 * in eight abroad) and reports it through the same ingestion path as a real mediation feed. A
 * SIM the platform told to block gets no more traffic; a throttled one gets a trickle.
 */
public final class TrafficSimulator {

  private record Network(String mcc, String mnc, String country, String name, String roaming, String code,
                         double lat, double lon) {
  }

  private static final Network[] NETWORKS = {
      new Network("310", "260", "USA", "T-Mobile USA", "home", "", 47.61, -122.33),
      new Network("310", "260", "USA", "T-Mobile USA", "home", "", 40.71, -74.00),
      new Network("310", "410", "USA", "AT&T", "national", "", 34.05, -118.24),
      new Network("262", "02", "DEU", "Vodafone DE", "international", "DE", 52.52, 13.40),
      new Network("208", "01", "FRA", "Orange F", "international", "FR", 48.85, 2.35)};

  private record Open(String key, OffsetDateTime start, Network network, String cell, long up, long down) {
  }

  private final Pool pool;
  private final IngestionService ingestion;
  private final String accountSid;
  private final Clock clock;
  private final Random random;
  private final Map<String, Open> open = new HashMap<>();

  public TrafficSimulator(Pool pool, IngestionService ingestion, String accountSid, Clock clock, Random random) {
    this.pool = pool;
    this.ingestion = ingestion;
    this.accountSid = accountSid;
    this.clock = clock;
    this.random = random;
  }

  /** One round of traffic; returns how many events were accepted. */
  public Future<Integer> tick() {
    return SqlExecutor.execute(pool, SQL.select(SIMS.ICCID, SIM_USAGE_STATE.DATA_STATE).from(SIMS)
            .leftJoin(SIM_USAGE_STATE).on(SIM_USAGE_STATE.SIM_ID.eq(SIMS.ID))
            .where(SIMS.ACCOUNT_SID.eq(accountSid)).and(SIMS.STATUS.eq("active")).orderBy(SIMS.ID).limit(200))
        .compose(rows -> {
          JsonArray events = new JsonArray();
          OffsetDateTime now = OffsetDateTime.now(clock);
          rows.forEach(r -> step(r.getString(0), r.getString(1), now, events));
          return events.isEmpty() ? Future.succeededFuture(0)
              : ingestion.ingest(events).map(result -> result.getInteger("accepted"));
        });
  }

  private void step(String iccid, String state, OffsetDateTime now, JsonArray events) {
    Open session = open.get(iccid);
    if ("blocked".equals(state)) {
      if (session != null) {
        events.add(event(iccid, "session_end", session, now));
        open.remove(iccid);
      }
      return;
    }
    if (session == null) {
      if (random.nextInt(3) == 0) {
        Network n = random.nextInt(8) == 0 ? NETWORKS[3 + random.nextInt(2)] : NETWORKS[random.nextInt(3)];
        Open started = new Open(UUID.randomUUID().toString(), now, n,
            n.mcc + "-" + n.mnc + "-" + (40000 + random.nextInt(500)) + "-" + random.nextInt(2000), 0, 0);
        open.put(iccid, started);
        events.add(event(iccid, "session_start", started, now));
      }
      return;
    }
    long scale = "throttled".equals(state) ? 1_000 : 60_000;
    Open grown = new Open(session.key, session.start, session.network, session.cell,
        session.up + random.nextInt((int) scale), session.down + random.nextInt((int) scale * 4));
    boolean ending = random.nextInt(4) == 0;
    events.add(event(iccid, ending ? "session_end" : "session_update", grown, now));
    if (ending) {
      open.remove(iccid);
    } else {
      open.put(iccid, grown);
    }
  }

  private JsonObject event(String iccid, String type, Open s, OffsetDateTime now) {
    Network n = s.network;
    JsonObject e = new JsonObject().put("event_id", UUID.randomUUID().toString()).put("type", type)
        .put("iccid", iccid).put("time", now.toString()).put("session_id", s.key)
        .put("session_start", s.start.toString()).put("radio_link", "LTE").put("operator_mcc", n.mcc)
        .put("operator_mnc", n.mnc).put("operator_country", n.country).put("operator_name", n.name)
        .put("cell_id", s.cell).put("cell_location", new JsonObject().put("lat", n.lat).put("lon", n.lon))
        .put("imei", "356938035643809").put("bytes_uploaded", s.up).put("bytes_downloaded", s.down)
        .put("packets_uploaded", s.up / 1200).put("packets_downloaded", s.down / 1200).put("roaming", n.roaming);
    return n.code.isEmpty() ? e : e.put("country_code", n.code);
  }
}
