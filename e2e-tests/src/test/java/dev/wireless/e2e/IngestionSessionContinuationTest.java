package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A session reported across many batches gives exactly what the same events give in one batch,
 * whether each batch continues the session (new events after everything stored: the stored picture
 * is extended without reading its events) or reaches back before its last event (late, reordered,
 * or at the same instant as the last one: the session is recomputed from all its events), with
 * descriptive fields that later events leave out, a counter that goes back down, an update after
 * the end, a roaming change and an hour boundary.
 */
class IngestionSessionContinuationTest extends ContractCheck {

  private final String prefix = UUID.randomUUID() + "-";
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(1)
      .plusHours(7).plusMinutes(40);

  /** Eight events of one session on {@code iccid}, in chronological order (the 6th at the 5th's instant). */
  private List<JsonObject> script(String iccid, String name) {
    List<JsonObject> events = new ArrayList<>();
    events.add(session("session_start", id(name, 1), iccid, name, start, start, 0, 0));
    events.add(session("session_update", id(name, 2), iccid, name, start, start.plusMinutes(10), 100_000, 200_000));
    events.add(bare(session("session_update", id(name, 3), iccid, name, start, start.plusMinutes(25), 150_000,
        260_000)));
    events.add(roaming(session("session_update", id(name, 4), iccid, name, start, start.plusMinutes(35), 140_000,
        400_000), "national", ""));
    events.add(session("session_end", id(name, 5), iccid, name, start, start.plusMinutes(50), 300_000, 500_000)
        .put("imei", "356938035643810"));
    events.add(bare(session("session_update", id(name, 6), iccid, name, start, start.plusMinutes(50), 320_000,
        500_000)));
    events.add(bare(session("session_update", id(name, 7), iccid, name, start, start.plusMinutes(55), 330_000,
        510_000)).put("operator_name", "Late Carrier"));
    events.add(bare(session("session_end", id(name, 8), iccid, name, start, start.plusMinutes(70), 400_000,
        700_000)));
    return events;
  }

  private String id(String name, int n) {
    return prefix + name + "-" + n;
  }

  /** The event without the descriptive fields: the session keeps the latest ones given. */
  private static JsonObject bare(JsonObject event) {
    for (String field : List.of("radio_link", "operator_mcc", "operator_mnc", "operator_country", "operator_name",
        "cell_id", "cell_location", "imei")) {
      event.remove(field);
    }
    return event;
  }

  @Test
  void aSessionSentInPiecesEqualsTheSameSessionSentWhole() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "pieces", "NationalRoamingEnabled", "true");
    List<UsageTestAccount.Sim> sims = account.sims(4, plan, "active");
    NetworkFeed feed = new NetworkFeed(platform);

    List<JsonObject> whole = script(sims.get(0).iccid(), "whole");
    assertEquals(8, feed.send(whole).getInteger("accepted"));

    List<JsonObject> continued = script(sims.get(1).iccid(), "continued");
    for (int[] piece : new int[][] {{0}, {1, 2}, {3}, {4}, {5}, {6}, {7}}) {
      assertEquals(piece.length, feed.send(pick(continued, piece)).getInteger("accepted"));
    }

    List<JsonObject> reordered = script(sims.get(2).iccid(), "reordered");
    assertEquals(3, feed.send(pick(reordered, 7, 0, 4)).getInteger("accepted"));
    JsonObject mixed = feed.send(pick(reordered, 4, 1, 6, 3));
    assertEquals(3, mixed.getInteger("accepted"), mixed.encode());
    assertEquals(1, mixed.getInteger("duplicates"), mixed.encode());
    assertEquals(2, feed.send(pick(reordered, 5, 2)).getInteger("accepted"));

    List<JsonObject> backwards = script(sims.get(3).iccid(), "backwards");
    for (int i = 7; i >= 0; i--) {
      assertEquals(1, feed.send(pick(backwards, i)).getInteger("accepted"));
    }

    String window = "Start=" + start.truncatedTo(ChronoUnit.HOURS).toInstant() + "&End="
        + start.plusHours(3).truncatedTo(ChronoUnit.HOURS).toInstant() + "&Granularity=hourly";
    JsonArray expected = usage(account, sims.get(0), window);
    assertEquals(300_000L, expected.getJsonObject(0).getLong("total"), expected.encode());
    assertEquals(800_000L, expected.getJsonObject(1).getLong("total"), expected.encode());
    assertEquals(140_000L, expected.getJsonObject(1).getJsonObject("national_roaming")
        .getLong("total"), expected.encode());
    JsonObject session = account.onlySessionWithoutIds(sims.get(0));
    assertEquals("Late Carrier", session.getString("operator_name"));
    assertEquals("356938035643810", session.getString("imei"));
    for (UsageTestAccount.Sim sim : sims.subList(1, 4)) {
      assertEquals(expected, usage(account, sim, window), sim.sid());
      assertEquals(session, account.onlySessionWithoutIds(sim), sim.sid());
    }
  }

  private static List<JsonObject> pick(List<JsonObject> events, int... indexes) {
    List<JsonObject> picked = new ArrayList<>();
    for (int i : indexes) {
      picked.add(events.get(i));
    }
    return picked;
  }

  private static JsonArray usage(UsageTestAccount account, UsageTestAccount.Sim sim, String window) {
    JsonArray records = account.get("/v1/Sims/" + sim.sid() + "/UsageRecords?" + window)
        .getJsonArray("usage_records");
    JsonArray data = new JsonArray();
    records.forEach(r -> {
      UsageTrees.assertTreeSums((JsonObject) r);
      data.add(((JsonObject) r).getJsonObject("data"));
    });
    return data;
  }
}
