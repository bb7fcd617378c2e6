package dev.wireless.server.sims;

import dev.wireless.server.rateplans.NewRatePlan;
import dev.wireless.server.rateplans.RatePlanService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo account's SIMs, seeded once when the account is created: a demo rate plan and 24 SIMs,
 * 6 each in {@code new} (3 of them without a plan, to show 33104), {@code ready}, {@code active}
 * and {@code suspended}.
 */
public final class DemoFleet {

  static final int PER_STATUS = 6;

  private DemoFleet() {
  }

  public static Future<Void> seed(Pool pool, RatePlanService ratePlans, String accountSid) {
    NewRatePlan plan = new NewRatePlan("demo", "Demo rate plan", null, null, null, null, null, null, null, null, null,
        null, null, null);
    return ratePlans.create(accountSid, plan).compose(created -> pool.withTransaction(tx -> {
      SimRepository sims = new SimRepository(tx);
      Future<Integer> done = sims.insertNew(accountSid, cards("new-nop", 3), null, "new")
          .compose(n -> sims.insertNew(accountSid, cards("new", 3), created.id(), "new"));
      for (SimState status : List.of(SimState.READY, SimState.ACTIVE, SimState.SUSPENDED)) {
        done = done.compose(n -> sims.insertNew(accountSid, cards(status.value(), PER_STATUS), created.id(),
            status.value()));
      }
      return done.mapEmpty();
    }));
  }

  private static List<NewSim> cards(String label, int count) {
    List<NewSim> cards = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      cards.add(new NewSim(Iccids.random("01"), null, null, "demo-" + label + "-" + i, "Demo SIM " + label + " " + i));
    }
    return cards;
  }
}
