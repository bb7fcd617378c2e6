package dev.wireless.e2e;

import static dev.wireless.e2e.NetworkFeed.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.wireless.v1.Command;
import com.twilio.rest.wireless.v1.RatePlan;
import com.twilio.rest.wireless.v1.Sim;
import com.twilio.rest.wireless.v1.UsageRecord;
import com.twilio.rest.wireless.v1.sim.DataSession;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * All sixteen operations driven by the official Twilio Java helper library (unmodified), through
 * the contract-checking proxy, so every answer it gets is also checked against wireless.yaml:
 * auto-paging, the 202 of a status change, Commands, rate plans, data sessions, usage windows and
 * the library's parsing of our error bodies.
 */
class TwilioLibraryTest extends ContractCheck {

  private NewCredentials account;
  private TwilioRestClient twilio;

  @BeforeEach
  void setUp() {
    account = platform.newAccount();
    twilio = TwilioLibraryClient.forAccount(platform.baseUrl(), account.accountSid(), account.authToken());
  }

  @Test
  void ratePlansCreateFetchListWithAutoPagingRenameAndDelete() {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RatePlan plan = RatePlan.creator().setUniqueName("plan-" + i).setDataLimit(100 + i)
          .setInternationalRoaming(List.of("data", "messaging")).create(twilio);
      assertEquals(List.of("data", "messaging"), plan.getInternationalRoaming());
      assertEquals(100 + i, plan.getNationalRoamingDataLimit());
      assertEquals(100 + i, plan.getInternationalRoamingDataLimit());
      created.add(plan.getSid());
    }
    ResourceSet<RatePlan> all = RatePlan.reader().pageSize(2).read(twilio);
    List<String> listed = StreamSupport.stream(all.spliterator(), false).map(RatePlan::getSid).toList();
    assertEquals(created.size(), listed.size(), "auto-paging over three pages of two");
    assertTrue(listed.containsAll(created));
    assertEquals(3, StreamSupport.stream(RatePlan.reader().pageSize(2).limit(3).read(twilio).spliterator(), false)
        .count());

    assertEquals(created.get(0), RatePlan.fetcher("plan-0").fetch(twilio).getSid());
    RatePlan renamed = RatePlan.updater(created.get(1)).setUniqueName("renamed").setFriendlyName("Renamed")
        .update(twilio);
    assertEquals("renamed", renamed.getUniqueName());
    assertTrue(RatePlan.deleter("renamed").delete(twilio));
    ApiException gone = assertThrows(ApiException.class, () -> RatePlan.fetcher(created.get(1)).fetch(twilio));
    assertEquals(404, gone.getStatusCode());
    assertEquals(20404, gone.getCode());
    assertTrue(gone.getMoreInfo().endsWith("/20404"), gone.getMoreInfo());
  }

  @Test
  void simsListFetchActivateWith202AndDelete() {
    List<String> iccids = platform.importSims(account.accountSid(), "tw", 3);
    RatePlan plan = RatePlan.creator().setUniqueName("fleet").create(twilio);
    List<Sim> sims = StreamSupport.stream(Sim.reader().setStatus(Sim.Status.NEW).pageSize(1).read(twilio)
        .spliterator(), false).toList();
    assertEquals(3, sims.size());
    Sim first = Sim.reader().setIccid(iccids.get(0)).read(twilio).iterator().next();
    assertEquals(first.getSid(), Sim.fetcher(first.getSid()).fetch(twilio).getSid());

    Sim updating = Sim.updater(first.getSid()).setRatePlan(plan.getSid()).setStatus(Sim.Status.ACTIVE)
        .setFriendlyName("tracker").update(twilio);
    assertEquals(Sim.Status.UPDATING, updating.getStatus());
    Await.awaitUntil(Duration.ofSeconds(20), () -> Sim.fetcher(first.getSid()).fetch(twilio).getStatus()
        == Sim.Status.ACTIVE);

    String unused = Sim.reader().setIccid(iccids.get(2)).read(twilio).iterator().next().getSid();
    assertTrue(Sim.deleter(unused).delete(twilio));
    assertEquals(404, assertThrows(ApiException.class, () -> Sim.fetcher(unused).fetch(twilio)).getStatusCode());
  }

  @Test
  void commandsCreateFetchListDeleteAndDataSessionsAndUsage() {
    String iccid = platform.importSims(account.accountSid(), "cmd", 1).get(0);
    RatePlan plan = RatePlan.creator().setUniqueName("talk").create(twilio);
    Sim sim = Sim.reader().setIccid(iccid).read(twilio).iterator().next();
    Sim.updater(sim.getSid()).setRatePlan(plan.getSid()).setStatus(Sim.Status.ACTIVE).update(twilio);
    Await.awaitUntil(Duration.ofSeconds(20), () -> Sim.fetcher(sim.getSid()).fetch(twilio).getStatus()
        == Sim.Status.ACTIVE);

    Command command = Command.creator("report position").setSim(sim.getSid()).create(twilio);
    assertEquals(command.getSid(), Command.fetcher(command.getSid()).fetch(twilio).getSid());
    assertEquals(List.of(command.getSid()), StreamSupport.stream(Command.reader().setSim(sim.getSid()).read(twilio)
        .spliterator(), false).map(Command::getSid).toList());
    assertTrue(Command.deleter(command.getSid()).delete(twilio));
    ApiException noSim = assertThrows(ApiException.class, () -> Command.creator("x").setSim("nope").create(twilio));
    assertEquals(33107, noSim.getCode());

    OffsetDateTime t = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
    String p = UUID.randomUUID() + "-";
    new NetworkFeed(platform).send(session("session_start", p + "1", iccid, "s", t, t, 0, 0),
        session("session_update", p + "2", iccid, "s", t, t.plusMinutes(1), 1_000, 4_000));
    List<DataSession> sessions = StreamSupport.stream(DataSession.reader(sim.getSid()).read(twilio).spliterator(),
        false).toList();
    assertEquals(1, sessions.size());

    List<com.twilio.rest.wireless.v1.sim.UsageRecord> simUsage = StreamSupport.stream(
        com.twilio.rest.wireless.v1.sim.UsageRecord.reader(sim.getSid()).read(twilio).spliterator(), false).toList();
    assertEquals(1, simUsage.size());
    List<UsageRecord> accountUsage = StreamSupport.stream(UsageRecord.reader().read(twilio).spliterator(), false)
        .toList();
    assertEquals(1, accountUsage.size());
    assertFalse(String.valueOf(accountUsage.get(0).getData()).isEmpty());
  }

  /**
   * The library sends {@code Start}/{@code End} as local date-times without an offset
   * ({@code 2026-11-30T00:00:00}), read as UTC.
   */
  @Test
  void usageWindowsAsTheLibrarySendsThem() {
    ZonedDateTime end = ZonedDateTime.now(ZoneOffset.UTC).plusHours(1).truncatedTo(ChronoUnit.HOURS);
    ZonedDateTime start = end.minusDays(3);
    List<UsageRecord> daily = StreamSupport.stream(UsageRecord.reader().setStart(start).setEnd(end)
        .setGranularity(UsageRecord.Granularity.DAILY).read(twilio).spliterator(), false).toList();
    assertTrue(daily.size() >= 3 && daily.size() <= 4, "one record per day of the window: " + daily.size());

    String iccid = platform.importSims(account.accountSid(), "window", 1).get(0);
    Sim sim = Sim.reader().setIccid(iccid).read(twilio).iterator().next();
    List<com.twilio.rest.wireless.v1.sim.UsageRecord> hourly = StreamSupport.stream(
        com.twilio.rest.wireless.v1.sim.UsageRecord.reader(sim.getSid()).setStart(end.minusHours(5)).setEnd(end)
            .setGranularity(com.twilio.rest.wireless.v1.sim.UsageRecord.Granularity.HOURLY).pageSize(2).read(twilio)
            .spliterator(), false).toList();
    assertEquals(5, hourly.size(), "five hours, read two to a page");
  }

  @Test
  void theLibraryTalksHttpsToTheServerItself() {
    TwilioRestClient direct = TwilioLibraryClient.forAccount("https://127.0.0.1:" + platform.server().port(),
        account.accountSid(), account.authToken());
    RatePlan plan = RatePlan.creator().setUniqueName("over-tls").create(direct);
    assertEquals(plan.getSid(), RatePlan.fetcher("over-tls").fetch(direct).getSid());
  }
}
