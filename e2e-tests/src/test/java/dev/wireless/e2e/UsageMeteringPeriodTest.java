package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The metering month of a SIM runs from the day it was activated to the same day of the next month
 * (the 29th to 31st become a shorter month's last day): its data limit counts over that period, and
 * the usage notification names it ({@code PeriodStart}, {@code PeriodEnd}). No API back-dates an
 * activation, so these tests set the SIM's stored activation time in the database; everything
 * else goes through the network feed and the notification the plan's URL receives.
 */
class UsageMeteringPeriodTest extends ContractCheck {

  private final String p = UUID.randomUUID() + "-";

  @Test
  void aSimActivatedOnThe31stIsMeteredToTheLastDayOfTheNextMonth() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      UsageTestAccount account = new UsageTestAccount(platform);
      String plan = account.ratePlan("UniqueName", "monthly", "DataLimit", "1", "UsageNotificationUrl",
          receiver.url("/usage"));
      UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
      platform.sql("update sims set activated_at = '2025-10-31T09:15:00Z' where sid = '" + sim.sid() + "'");
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

      JsonObject over = new NetworkFeed(platform).send(session("session_update", p + "1", sim.iccid(), "s", now, now,
          600_000, 600_000));
      assertEquals("data_limit", over.getJsonArray("directives").getJsonObject(0).getString("reason"), over.encode());
      Map<String, String> notification = notification(receiver);
      OffsetDateTime start = OffsetDateTime.parse(notification.get("PeriodStart"));
      OffsetDateTime end = OffsetDateTime.parse(notification.get("PeriodEnd"));
      assertEquals(start.truncatedTo(ChronoUnit.DAYS), start);
      assertEquals(ZoneOffset.UTC, start.getOffset());
      LocalDate first = start.toLocalDate();
      assertEquals(YearMonth.from(first).atEndOfMonth(), first, "begins on the 31st or a shorter month's last day");
      assertEquals(YearMonth.from(first).plusMonths(1).atEndOfMonth().atStartOfDay().atOffset(ZoneOffset.UTC), end,
          "ends on the last day of the next month");
      assertTrue(!start.isAfter(now) && end.isAfter(now), start + " to " + end + " holds " + now);
      assertEquals("1200000", notification.get("HomeDataBytes"));
    }
  }

  @Test
  void usageBeforeTheActivationDayBelongsToThePreviousPeriod() {
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      UsageTestAccount account = new UsageTestAccount(platform);
      String plan = account.ratePlan("UniqueName", "monthly", "DataLimit", "1", "UsageNotificationUrl",
          receiver.url("/usage"));
      UsageTestAccount.Sim sim = account.sims(1, plan, "active").get(0);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      OffsetDateTime activated = now.minusDays(3).truncatedTo(ChronoUnit.SECONDS);
      platform.sql("update sims set activated_at = '" + activated + "' where sid = '" + sim.sid() + "'");
      OffsetDateTime periodStart = activated.truncatedTo(ChronoUnit.DAYS);
      NetworkFeed feed = new NetworkFeed(platform);

      OffsetDateTime before = periodStart.minusHours(2);
      JsonObject earlier = feed.send(session("session_end", p + "1", sim.iccid(), "old", before,
          before.plusMinutes(30), 1_000_000, 1_000_000));
      assertEquals(new JsonArray(), earlier.getJsonArray("directives"), "2 MB the day before is not this period's");

      JsonObject within = feed.send(session("session_update", p + "2", sim.iccid(), "new", now.minusMinutes(5), now,
          100_000, 500_000));
      assertEquals(new JsonArray(), within.getJsonArray("directives"));
      JsonObject over = feed.send(session("session_update", p + "3", sim.iccid(), "new", now.minusMinutes(5), now,
          200_000, 1_000_000));
      assertEquals("data_limit", over.getJsonArray("directives").getJsonObject(0).getString("reason"), over.encode());
      Map<String, String> notification = notification(receiver);
      assertEquals(periodStart.toInstant(), OffsetDateTime.parse(notification.get("PeriodStart")).toInstant());
      assertEquals(periodStart.plusMonths(1).toInstant(),
          OffsetDateTime.parse(notification.get("PeriodEnd")).toInstant());
      assertEquals("1200000", notification.get("HomeDataBytes"));
    }
  }

  private static Map<String, String> notification(CallbackReceiver receiver) {
    Await.awaitUntil(Duration.ofSeconds(20), () -> !receiver.received().isEmpty());
    return receiver.received().get(0).form();
  }
}
