package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A batch sent twice counts once; events that arrive out of order give the same sessions and usage. */
class IngestionIdempotencyTest extends ContractCheck {

  private final String prefix = UUID.randomUUID() + "-";
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).minusDays(2)
      .plusHours(10).plusMinutes(50);
  private UsageTestAccount account;
  private NetworkFeed feed;
  private String window;

  @BeforeEach
  void account() {
    account = new UsageTestAccount(platform);
    feed = new NetworkFeed(platform);
    window = "Start=" + start.minusHours(10).toInstant() + "&End=" + start.plusHours(10).toInstant();
  }

  /** A session over two hours: 10:50 start, 10:58, 11:30, 11:45 end. */
  private List<JsonObject> sessionEvents(String iccid, String name) {
    return List.of(
        session("session_start", prefix + name + "-1", iccid, name, start, start, 0, 0),
        session("session_update", prefix + name + "-2", iccid, name, start, start.plusMinutes(8), 300_000, 300_000),
        session("session_update", prefix + name + "-3", iccid, name, start, start.plusMinutes(40), 500_000, 900_000),
        session("session_end", prefix + name + "-4", iccid, name, start, start.plusMinutes(55), 600_000, 1_000_000));
  }

  @Test
  void theSameBatchTwiceChangesNothing() {
    String plan = account.ratePlan("UniqueName", "twice");
    UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
    List<JsonObject> batch = sessionEvents(sim.iccid(), "s");
    assertEquals(4, feed.send(batch).getInteger("accepted"));
    JsonObject usage = account.get("/v1/UsageRecords?" + window + "&Granularity=hourly");
    JsonObject sessions = account.get("/v1/Sims/" + sim.sid() + "/DataSessions");

    JsonObject again = feed.send(batch);
    assertEquals(0, again.getInteger("accepted"));
    assertEquals(4, again.getInteger("duplicates"));
    again.getJsonArray("results").forEach(r -> assertEquals("duplicate", ((JsonObject) r).getString("status")));
    assertEquals(usage, account.get("/v1/UsageRecords?" + window + "&Granularity=hourly"));
    assertEquals(sessions, account.get("/v1/Sims/" + sim.sid() + "/DataSessions"));
    assertEquals(1_600_000L, account.get("/v1/UsageRecords?" + window).getJsonArray("usage_records")
        .getJsonObject(0).getJsonObject("data").getLong("total"));
  }

  @Test
  void outOfOrderEventsGiveTheSameSessionsAndUsage() {
    String plan = account.ratePlan("UniqueName", "order");
    List<UsageTestAccount.Sim> sims = account.sims(2, plan, "active");
    List<JsonObject> inOrder = sessionEvents(sims.get(0).iccid(), "in-order");
    List<JsonObject> reversed = sessionEvents(sims.get(1).iccid(), "reversed");
    for (JsonObject event : inOrder) {
      assertEquals(1, feed.send(event).getInteger("accepted"));
    }
    for (int i = reversed.size() - 1; i >= 0; i--) {
      assertEquals(1, feed.send(reversed.get(i)).getInteger("accepted"));
    }

    JsonArray first = hourly(sims.get(0));
    JsonArray second = hourly(sims.get(1));
    assertEquals(21, first.size()); // 00:00 … 20:00, the first hour counted from Start's hour
    for (int i = 0; i < first.size(); i++) {
      UsageTrees.assertTreeSums(second.getJsonObject(i));
      assertEquals(first.getJsonObject(i).getJsonObject("data"), second.getJsonObject(i).getJsonObject("data"));
    }
    UsageTrees.assertData(first.getJsonObject(10).getJsonObject("data"), "home", 300_000, 300_000, 0.06);
    UsageTrees.assertData(first.getJsonObject(11).getJsonObject("data"), "home", 300_000, 700_000, 0.10);
    assertEquals(account.onlySessionWithoutIds(sims.get(0)), account.onlySessionWithoutIds(sims.get(1)));
  }

  @Test
  void sessionsListNewestStartFirstWhateverOrderTheyArrivedIn() {
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "pages"), "active").get(0);
    for (int hoursLater : new int[] {2, 0, 1}) {
      OffsetDateTime s = start.plusHours(hoursLater);
      feed.send(session("session_start", prefix + "p" + hoursLater, sim.iccid(), "p" + hoursLater, s, s, 0, 0));
    }
    JsonObject first = account.get("/v1/Sims/" + sim.sid() + "/DataSessions?PageSize=2");
    assertEquals(List.of(start.plusHours(2), start.plusHours(1)), starts(first));
    JsonObject second = account.get(first.getJsonObject("meta").getString("next_page_url"));
    assertEquals(List.of(start), starts(second));
    assertEquals(null, second.getJsonObject("meta").getString("next_page_url"));
    assertEquals(starts(first), starts(account.get(second.getJsonObject("meta").getString("previous_page_url"))));
  }

  private static List<OffsetDateTime> starts(JsonObject page) {
    return page.getJsonArray("data_sessions").stream()
        .map(s -> OffsetDateTime.parse(((JsonObject) s).getString("start")).withOffsetSameInstant(ZoneOffset.UTC))
        .toList();
  }

  private JsonArray hourly(UsageTestAccount.Sim sim) {
    return account.get("/v1/Sims/" + sim.sid() + "/UsageRecords?" + window + "&Granularity=hourly")
        .getJsonArray("usage_records");
  }
}
