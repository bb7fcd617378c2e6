package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.delivery.RetrySchedule;
import dev.wireless.server.ingestion.EventFileLoader;
import dev.wireless.server.ingestion.IngestionService;
import dev.wireless.server.ingestion.UnavailableMessaging;
import dev.wireless.server.usage.PriceTable;
import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code events load FILE.json}: a file of 2,500 events applied in batches; loading it again counts nothing. */
class IngestionFileLoadTest extends ContractCheck {

  @Test
  void aFileIsAppliedBatchByBatchAndLoadingItTwiceCountsOnce() throws Exception {
    UsageTestAccount account = new UsageTestAccount(platform);
    UsageTestAccount.Sim sim = account.sims(1, account.ratePlan("UniqueName", "file"), "active").get(0);
    String p = UUID.randomUUID() + "-";
    OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 2_500; i++) {
      events.add(session(i == 0 ? "session_start" : "session_update", p + i, sim.iccid(), "f", t,
          t.plusSeconds(i), i * 10L, i * 30L));
    }
    events.add(session("session_update", p + "bad", "0000", "f", t, t, 1, 1));
    Path file = Files.createTempFile("events", ".json");
    Files.writeString(file, "{\"events\": " + events.encode() + "}");

    EventFileLoader loader = new EventFileLoader(new IngestionService(UsageTestAccount.pool(platform),
        PriceTable.defaults(), new CallbackOutbox(RetrySchedule.parse("0s")),
        new UnavailableMessaging(), Clock.systemUTC()));
    String report = TestPlatform.await(loader.load(EventFileLoader.read(file)));
    assertTrue(report.startsWith("2501 events: 2500 accepted, 0 duplicates, 1 rejected"), report);
    assertTrue(report.contains("event 2500 (" + p + "bad): 33101 no SIM has ICCID 0000"), report);
    String again = TestPlatform.await(loader.load(EventFileLoader.read(file)));
    assertTrue(again.startsWith("2501 events: 0 accepted, 2500 duplicates, 1 rejected"), again);
    assertEquals(2_499L * 40, account.get("/v1/Sims/" + sim.sid() + "/UsageRecords").getJsonArray("usage_records")
        .getJsonObject(0).getJsonObject("data").getLong("total"));

    Files.writeString(file, "{\"sims\": []}");
    assertThrows(IllegalArgumentException.class, () -> EventFileLoader.read(file));
    Files.writeString(file, "not json");
    assertThrows(IllegalArgumentException.class, () -> EventFileLoader.read(file));
  }
}
