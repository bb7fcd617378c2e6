package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * "A delivered Command never ends failed": the carrier's delivery report is durable from the moment
 * the Command is {@code sent}. Commands are in flight on a packaged node when (1) its database
 * becomes unreachable (every connection reset, new ones refused) while their receipts fall due, or
 * (2) the node is stopped with SIGTERM while their receipts are pending and another node on the same
 * database takes over. Every acknowledged Command ends {@code delivered}, and its callback reports
 * exactly that, once.
 */
class CommandReceiptFaultsTest {

  private static final int COMMANDS = 40;

  @Test
  void receiptsDueWhileTheDatabaseIsUnreachableAreAppliedWhenItReturns() throws Exception {
    try (SharedDatabaseFleet fleet = new SharedDatabaseFleet(COMMANDS);
         TcpProxy proxy = new TcpProxy("localhost", fleet.database.location().port());
         CallbackReceiver receiver = new CallbackReceiver()) {
      Map<String, String> env = fleet.nodeEnv(proxy.port());
      env.put("WIRELESS_CARRIER_SMS_RECEIPT_DELAY", "4s");
      try (ServerProcess node = ServerProcess.start(env)) {
        RawHttp http = new RawHttp(node.baseUrl());
        fleet.activate(http);
        List<String> sids = send(http, fleet, receiver);
        awaitUntil(Duration.ofSeconds(30), () -> fleet.count("select count(*) from commands where status = 'queued'")
            == 0);
        proxy.cut(); // the receipts still pending fall due while the node cannot reach Postgres
        long cut = System.nanoTime();
        long pending = fleet.count("select count(*) from commands where status = 'sent'");
        assertTrue(pending > 0, "receipts pending when the database went away");
        Thread.sleep(8_000); // twice the receipt delay: every pending receipt is due during the outage
        assertEquals(pending, fleet.count("select count(*) from commands where status = 'sent'"),
            "nothing can be applied while the database is unreachable");
        proxy.restore();
        long restored = System.nanoTime();
        awaitUntil(Duration.ofSeconds(60), () -> fleet.count("select count(*) from commands where status = 'delivered'")
            == COMMANDS);
        long recovered = System.nanoTime();
        assertEveryCommandDeliveredOnce(fleet, receiver, sids);
        System.out.printf("receipts through a database outage: %d Commands, %d receipts pending when the database "
            + "became unreachable for %d ms, all delivered %d ms after it returned; %d callbacks, all 'delivered'%n",
            COMMANDS, pending, (restored - cut) / 1_000_000, (recovered - restored) / 1_000_000,
            receiver.received().size());
      }
    }
  }

  @Test
  void receiptsPendingOnAStoppedNodeAreAppliedByAnother() throws Exception {
    try (SharedDatabaseFleet fleet = new SharedDatabaseFleet(COMMANDS);
         CallbackReceiver receiver = new CallbackReceiver()) {
      Map<String, String> env = fleet.nodeEnv();
      env.put("WIRELESS_CARRIER_SMS_RECEIPT_DELAY", "6s");
      List<String> sids;
      try (ServerProcess first = ServerProcess.start(env)) {
        RawHttp http = new RawHttp(first.baseUrl());
        fleet.activate(http);
        sids = send(http, fleet, receiver);
        awaitUntil(Duration.ofSeconds(30), () -> fleet.count("select count(*) from commands where status = 'queued'")
            == 0);
        assertTrue(first.terminate(), "the node stops on SIGTERM");
      }
      long pending = fleet.count("select count(*) from commands where status = 'sent'");
      assertTrue(pending > 0, "receipts were still pending when the node stopped");
      long stopped = System.nanoTime();
      try (ServerProcess other = ServerProcess.start(fleet.nodeEnv())) {
        awaitUntil(Duration.ofSeconds(60), () -> fleet.count("select count(*) from commands where status = 'delivered'")
            == COMMANDS);
        assertEveryCommandDeliveredOnce(fleet, receiver, sids);
        System.out.printf("receipts across a node stop: %d Commands, %d receipts pending when the first node stopped, "
            + "all delivered by the second node %d ms after the first stopped%n", COMMANDS, pending,
            (System.nanoTime() - stopped) / 1_000_000);
      }
    }
  }

  /** One Command per SIM, each with a callback, sent by 8 clients at once; every one acknowledged with 201. */
  private static List<String> send(RawHttp http, SharedDatabaseFleet fleet, CallbackReceiver receiver)
      throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> sent = new ArrayList<>();
      for (int i = 0; i < fleet.size(); i++) {
        int sim = i;
        sent.add(clients.submit(() -> RawHttp.json(http.postForm("/v1/Commands", fleet.auth(), "Sim", "fleet-" + sim,
            "Command", "ping " + sim, "CallbackUrl", receiver.url("/commands")), 201).getString("sid")));
      }
      List<String> sids = new ArrayList<>();
      for (Future<String> sid : sent) {
        sids.add(sid.get(60, TimeUnit.SECONDS));
      }
      return sids;
    } finally {
      clients.shutdown();
    }
  }

  private static void assertEveryCommandDeliveredOnce(SharedDatabaseFleet fleet, CallbackReceiver receiver,
                                                      List<String> sids) {
    assertEquals(0, fleet.count("select count(*) from commands where status <> 'delivered'"), "none failed or stuck");
    awaitUntil(Duration.ofSeconds(30), () -> receiver.received().size() >= sids.size());
    Map<String, List<String>> statuses = receiver.received().stream().map(CallbackReceiver.Received::form)
        .collect(Collectors.groupingBy(f -> f.get("CommandSid"), Collectors.mapping(f -> f.get("Status"),
            Collectors.toList())));
    assertEquals(Set.copyOf(sids), statuses.keySet(), "a callback for every Command");
    statuses.forEach((sid, seen) -> assertEquals(List.of("delivered"), seen, sid + ": one callback, 'delivered'"));
  }
}
