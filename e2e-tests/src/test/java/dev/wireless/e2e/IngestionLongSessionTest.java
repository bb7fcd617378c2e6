package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.roaming;
import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One session reported over twenty hours in fifty batches, with some events held back and sent
 * batches later (they reach back before what is stored, so the session is recomputed), some hours
 * on a roaming network, and a batch sent twice: the SIM's hourly usage, the account's usage and the
 * session's counters are exactly what the events say, however many batches the session took. The
 * expected figures are computed here from the events alone: each event is charged, in its hour
 * and roaming class, with what the session's largest counters grew since the event before it.
 */
class IngestionLongSessionTest extends ContractCheck {

  private static final int EVENTS = 600;
  private static final int BATCH = 12;

  private record Sent(OffsetDateTime time, long up, long down, String roaming) {
  }

  @Test
  void aSessionOfManyBatchesIsSummedExactly() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String plan = account.ratePlan("UniqueName", "long-session", "NationalRoamingEnabled", "true");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS).minusHours(26)
        .plusMinutes(5);
    String prefix = UUID.randomUUID() + "-";
    Random random = new Random(20);
    List<JsonObject> events = new ArrayList<>();
    List<Sent> sent = new ArrayList<>();
    long up = 0;
    long down = 0;
    for (int i = 0; i < EVENTS; i++) {
      OffsetDateTime time = start.plusMinutes(1 + 2L * i);
      up += random.nextInt(4) == 0 ? 0 : random.nextInt(5_000);
      down += random.nextInt(20_000);
      String kind = i == 0 ? "session_start" : i == EVENTS - 1 ? "session_end" : "session_update";
      JsonObject event = session(kind, prefix + i, sim.iccid(), "long", start, time, up, down);
      boolean national = i >= 150 && i < 240;
      events.add(national ? roaming(event, "national", "") : event);
      sent.add(new Sent(time, up, down, national ? "national" : "home"));
    }

    NetworkFeed feed = new NetworkFeed(platform);
    List<JsonObject> heldBack = new ArrayList<>();
    List<List<JsonObject>> batches = new ArrayList<>();
    for (int from = 0; from < EVENTS; from += BATCH) {
      List<JsonObject> batch = new ArrayList<>();
      if (batches.size() % 3 == 2) {
        batch.addAll(heldBack);
        heldBack.clear();
      }
      for (int i = from; i < Math.min(from + BATCH, EVENTS); i++) {
        if (i % 7 == 3 && i < EVENTS - BATCH) {
          heldBack.add(events.get(i));
        } else {
          batch.add(events.get(i));
        }
      }
      batches.add(batch);
    }
    batches.get(batches.size() - 1).addAll(heldBack);
    int accepted = 0;
    for (List<JsonObject> batch : batches) {
      JsonObject answer = feed.send(batch);
      assertEquals(batch.size(), answer.getInteger("accepted"), answer.encode());
      accepted += batch.size();
    }
    assertEquals(EVENTS, accepted);
    JsonObject again = feed.send(batches.get(20));
    assertEquals(batches.get(20).size(), again.getInteger("duplicates"), again.encode());

    Map<Instant, long[]> expected = expectedByHour(sent);
    String window = "Start=" + start.truncatedTo(ChronoUnit.HOURS).toInstant() + "&End="
        + start.plusHours(22).truncatedTo(ChronoUnit.HOURS).toInstant();
    JsonArray hourly = account.get("/v1/Sims/" + sim.sid() + "/UsageRecords?" + window
        + "&Granularity=hourly&PageSize=1000").getJsonArray("usage_records");
    Map<Instant, long[]> actual = new TreeMap<>();
    for (Object o : hourly) {
      JsonObject record = (JsonObject) o;
      UsageTrees.assertTreeSums(record);
      JsonObject data = record.getJsonObject("data");
      if (data.getLong("total") != 0) {
        actual.put(Instant.parse(record.getJsonObject("period").getString("start")), new long[] {
            data.getLong("upload"), data.getLong("download"),
            data.getJsonObject("national_roaming").getLong("total")});
      }
    }
    assertEquals(render(expected), render(actual));

    JsonObject whole = account.get("/v1/UsageRecords?" + window + "&Granularity=all").getJsonArray("usage_records")
        .getJsonObject(0).getJsonObject("data");
    assertEquals(up, whole.getLong("upload"), whole.encode());
    assertEquals(down, whole.getLong("download"), whole.encode());

    JsonObject stored = account.onlySessionWithoutIds(sim);
    assertEquals(up / 1000, stored.getLong("packets_uploaded"), stored.encode());
    assertEquals(down / 1000, stored.getLong("packets_downloaded"), stored.encode());
    assertEquals(sent.get(EVENTS - 1).time().toInstant(), Instant.parse(stored.getString("end")), stored.encode());
    assertEquals(sent.get(EVENTS - 1).time().toInstant(), Instant.parse(stored.getString("last_updated")),
        stored.encode());
  }

  /** Hour → {upload, download, national roaming total}, from the events in chronological order. */
  private static Map<Instant, long[]> expectedByHour(List<Sent> chronological) {
    Map<Instant, long[]> hours = new TreeMap<>();
    long maxUp = 0;
    long maxDown = 0;
    for (Sent e : chronological) {
      long up = Math.max(0, e.up() - maxUp);
      long down = Math.max(0, e.down() - maxDown);
      maxUp = Math.max(maxUp, e.up());
      maxDown = Math.max(maxDown, e.down());
      if (up + down > 0) {
        long[] hour = hours.computeIfAbsent(e.time().truncatedTo(ChronoUnit.HOURS).toInstant(), h -> new long[3]);
        hour[0] += up;
        hour[1] += down;
        hour[2] += e.roaming().equals("national") ? up + down : 0;
      }
    }
    return hours;
  }

  private static String render(Map<Instant, long[]> hours) {
    StringBuilder out = new StringBuilder();
    hours.forEach((h, v) -> out.append(h).append(' ').append(v[0]).append(' ').append(v[1]).append(' ').append(v[2])
        .append('\n'));
    return out.toString();
  }
}
