package dev.wireless.server.ingestion;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.server.usage.EnforcementStateRepository;
import dev.wireless.server.usage.MeteringPeriod;
import dev.wireless.server.usage.ReadyActivation;
import dev.wireless.server.usage.UsageKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Rate-plan enforcement, in the ingestion transaction: keeps the SIM's data of its metering period
 * ({@link MeteringPeriod}: from its activation day to the same day next month) per roaming class,
 * decides whether the carrier must block or throttle it, sends the plan's usage notification once
 * per period when a limit is crossed, and starts {@code ready → active} after
 * 250 KB ({@link ReadyActivation}). The decision comes back as a directive the carrier (simulated
 * or real) applies.
 */
final class Enforcement {

  private static final long MB = 1_000_000;

  private record Usage(OffsetDateTime month, long home, long national, long international, long lifetime,
                       String state, OffsetDateTime notified) {
  }

  private record Verdict(String state, String reason) {
  }

  private final CallbackOutbox outbox;

  Enforcement(CallbackOutbox outbox) {
    this.outbox = outbox;
  }

  private record Decision(Usage stored, Verdict verdict, boolean notifies, boolean activate, JsonObject directive) {
  }

  /** The stored enforcement state of a batch's SIMs, read (and locked) before its usage is known. */
  static final class Stored {
    private final Map<Long, Usage> bySim;

    private Stored(Map<Long, Usage> bySim) {
      this.bySim = bySim;
    }
  }

  /**
   * Reads the state of the SIMs with these ICCIDs. Named by ICCID, so that it is sent with the
   * statement that locks the SIMs (which runs first) without waiting for it. Every writer of a SIM's
   * state holds the SIM's row lock (ingestion, Commands, messages from the SIM), so the state needs
   * no lock of its own: read after the SIM lock, it is the latest and stays so until the commit.
   */
  static Future<Stored> load(SqlClient tx, Collection<String> iccids) {
    return loadAll(tx, iccids).map(Stored::new);
  }

  /**
   * Applies several SIMs' usage changes (SIM id → hour/roaming cell → {up, down}) to their state
   * as {@link #load loaded}, with one write of it, in SIM id order, then sends {@code last}: at once
   * behind that write, or after the notifications and activations it decided when there are any.
   * Returns the directives for the carrier.
   */
  Future<JsonArray> applyAll(SqlClient tx, Map<Long, SimPlan> sims, SortedMap<Long, Map<UsageKey, long[]>> deltas,
                             Stored loaded, OffsetDateTime now, Supplier<Future<?>> last) {
    Map<Long, Usage> stored = loaded.bySim;
    SortedMap<Long, Usage> toSave = new TreeMap<>();
    List<Supplier<Future<?>>> effects = new ArrayList<>();
    JsonArray directives = new JsonArray();
    deltas.forEach((simId, delta) -> {
      SimPlan sim = sims.get(simId);
      MeteringPeriod period = MeteringPeriod.containing(sim.activatedAt(), now);
      Decision d = decide(sim, inPeriod(stored.get(simId), period), delta, period);
      toSave.put(simId, d.stored);
      if (d.notifies) {
        effects.add(() -> outbox.enqueue(tx, notification(sim, d.stored, d.verdict, period)));
      }
      if (d.activate) {
        effects.add(() -> ReadyActivation.start(tx, sim.simId(), sim.accountSid()));
      }
      if (d.directive != null) {
        directives.add(d.directive);
      }
    });
    Future<?> work = saveAll(tx, toSave);
    for (Supplier<Future<?>> effect : effects) {
      work = work.compose(v -> effect.get());
    }
    Future<?> done = effects.isEmpty() ? Future.all(work, last.get()) : work.compose(v -> last.get());
    return done.map(v -> directives);
  }

  /**
   * The SIM's stored state as it stands in {@code period}: what was counted in an earlier period
   * starts again from zero (and the SIM from allowed), the lifetime total and the last
   * notification's period are kept.
   */
  private static Usage inPeriod(Usage stored, MeteringPeriod period) {
    if (stored == null) {
      return new Usage(period.start(), 0, 0, 0, 0, "allowed", null);
    }
    return period.start().isEqual(stored.month) ? stored
        : new Usage(period.start(), 0, 0, 0, stored.lifetime, "allowed", stored.notified);
  }

  private static Decision decide(SimPlan sim, Usage before, Map<UsageKey, long[]> delta, MeteringPeriod period) {
    OffsetDateTime month = period.start();
    long[] byClass = new long[3];
    long added = 0;
    for (Map.Entry<UsageKey, long[]> cell : delta.entrySet()) {
      long bytes = cell.getValue()[0] + cell.getValue()[1];
      added += bytes;
      if (!cell.getKey().hour().isBefore(month) && cell.getKey().hour().isBefore(period.end())) {
        byClass[switch (cell.getKey().roaming()) { case "home" -> 0; case "national" -> 1; default -> 2; }] += bytes;
      }
    }
    Verdict verdict = judge(sim, before.home + byClass[0], before.national + byClass[1],
        before.international + byClass[2]);
    boolean crossed = !verdict.state.equals("allowed") && verdict.reason.endsWith("limit")
        && (before.notified == null || !month.isEqual(before.notified));
    boolean notify = crossed && sim.notificationUrl() != null;
    Usage stored = new Usage(month, before.home + byClass[0], before.national + byClass[1],
        before.international + byClass[2], before.lifetime + added, verdict.state,
        notify ? month : before.notified);
    boolean activate = "ready".equals(sim.status()) && stored.lifetime >= ReadyActivation.ACTIVATION_BYTES;
    boolean tell = !verdict.state.equals(before.state) || !verdict.state.equals("allowed");
    JsonObject directive = !tell ? null : new JsonObject().put("iccid", sim.iccid()).put("sim_sid", sim.simSid())
        .put("action", action(verdict.state)).put("reason", verdict.reason);
    return new Decision(stored, verdict, notify, activate, directive);
  }

  private static String action(String state) {
    return switch (state) {
      case "blocked" -> "block";
      case "throttled" -> "throttle";
      default -> "allow";
    };
  }

  static Verdict judge(SimPlan sim, long home, long national, long international) {
    if (!sim.hasPlan() || !sim.dataEnabled()) {
      return new Verdict("blocked", sim.hasPlan() ? "data_disabled" : "no_rate_plan");
    }
    if (national > 0 && !sim.nationalRoamingEnabled()) {
      return new Verdict("blocked", "national_roaming_disabled");
    }
    if (international > 0 && !sim.internationalRoaming().contains("data")) {
      return new Verdict("blocked", "international_roaming_disabled");
    }
    if (over(national, sim.nationalRoamingLimitMb())) {
      return new Verdict("blocked", "national_roaming_data_limit");
    }
    if (over(international, sim.internationalRoamingLimitMb())) {
      return new Verdict("blocked", "international_roaming_data_limit");
    }
    if (over(home, sim.dataLimitMb())) {
      return new Verdict("throttle".equals(sim.dataLimitStrategy()) ? "throttled" : "blocked", "data_limit");
    }
    return new Verdict("allowed", "within_plan");
  }

  private static boolean over(long bytes, Integer limitMb) {
    return limitMb != null && bytes > limitMb * MB;
  }

  private static CallbackRequest notification(SimPlan sim, Usage u, Verdict verdict, MeteringPeriod period) {
    return new CallbackRequest(sim.accountSid(), sim.simSid(), "sim.usage_limit", sim.notificationUrl(),
        sim.notificationMethod() == null ? "POST" : sim.notificationMethod(), CallbackRequest.form()
        .add("AccountSid", sim.accountSid()).add("SimSid", sim.simSid()).add("RatePlanSid", sim.ratePlanSid())
        .add("Reason", verdict.reason).add("Action", action(verdict.state))
        .add("DataLimit", sim.dataLimitMb()).add("HomeDataBytes", u.home).add("NationalRoamingDataBytes", u.national)
        .add("InternationalRoamingDataBytes", u.international).add("PeriodStart", u.month.toString())
        .add("PeriodEnd", period.end().toString())
        .add("ApiVersion", "v1").toList());
  }

  /** The stored state of the SIMs with these ICCIDs, as last saved, whatever period it was counted in. */
  private static Future<Map<Long, Usage>> loadAll(SqlClient tx, Collection<String> iccids) {
    return new EnforcementStateRepository(tx).findByIccids(iccids).map(states -> {
      Map<Long, Usage> usage = new HashMap<>();
      for (EnforcementStateRepository.State s : states) {
        usage.put(s.simId(), new Usage(s.month(), s.homeBytes(), s.nationalBytes(), s.internationalBytes(),
            s.lifetimeBytes(), s.dataState(), s.notifiedMonth()));
      }
      return usage;
    });
  }

  private static Future<Void> saveAll(SqlClient tx, SortedMap<Long, Usage> states) {
    List<EnforcementStateRepository.State> rows = new ArrayList<>(states.size());
    for (Map.Entry<Long, Usage> e : states.entrySet()) {
      Usage u = e.getValue();
      rows.add(new EnforcementStateRepository.State(e.getKey(), u.month, u.home, u.national, u.international,
          u.lifetime, u.state, u.notified));
    }
    return new EnforcementStateRepository(tx).saveAll(rows);
  }
}
