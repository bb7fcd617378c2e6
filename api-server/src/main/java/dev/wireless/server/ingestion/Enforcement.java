package dev.wireless.server.ingestion;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.SIM_USAGE_STATE;

import dev.wireless.callbacks.CallbackOutbox;
import dev.wireless.callbacks.CallbackRequest;
import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.usage.ReadyActivation;
import dev.wireless.server.usage.UsageKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.impl.DSL;

/**
 * Rate-plan enforcement, in the ingestion transaction: keeps the SIM's data of the month per
 * roaming class, decides whether the carrier must block or throttle it, sends the plan's usage
 * notification once per month when a limit is crossed, and starts {@code ready → active} after
 * 250 KB ({@link ReadyActivation}). The decision comes back as a directive the carrier (simulated
 * or real) applies.
 */
final class Enforcement {

  private static final long MB = 1_000_000;
  private static final dev.wireless.persistence.jooq.tables.SimUsageState U = SIM_USAGE_STATE;

  private record Usage(OffsetDateTime month, long home, long national, long international, long lifetime,
                       String state, OffsetDateTime notified) {
  }

  private record Verdict(String state, String reason) {
  }

  private final CallbackOutbox outbox;

  Enforcement(CallbackOutbox outbox) {
    this.outbox = outbox;
  }

  /** Applies one SIM's usage change; returns the directive for the carrier ({@code null} when none). */
  Future<JsonObject> apply(SqlClient tx, SimPlan sim, Map<UsageKey, long[]> delta, OffsetDateTime now) {
    OffsetDateTime month = now.withOffsetSameInstant(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate()
        .atStartOfDay().atOffset(ZoneOffset.UTC);
    long[] byClass = new long[3];
    long lifetime = 0;
    for (Map.Entry<UsageKey, long[]> cell : delta.entrySet()) {
      long bytes = cell.getValue()[0] + cell.getValue()[1];
      lifetime += bytes;
      if (!cell.getKey().hour().isBefore(month)) {
        byClass[switch (cell.getKey().roaming()) { case "home" -> 0; case "national" -> 1; default -> 2; }] += bytes;
      }
    }
    long added = lifetime;
    return load(tx, sim.simId(), month).compose(before -> {
      Usage after = new Usage(month, before.home + byClass[0], before.national + byClass[1],
          before.international + byClass[2], before.lifetime + added, before.state, before.notified);
      Verdict verdict = judge(sim, after);
      boolean crossed = !verdict.state.equals("allowed") && verdict.reason.endsWith("limit")
          && (before.notified == null || !month.isEqual(before.notified));
      boolean notify = crossed && sim.notificationUrl() != null;
      Usage stored = new Usage(month, after.home, after.national, after.international, after.lifetime,
          verdict.state, notify ? month : before.notified);
      Future<?> work = save(tx, sim.simId(), stored);
      if (notify) {
        work = work.compose(v -> outbox.enqueue(tx, notification(sim, stored, verdict)));
      }
      if ("ready".equals(sim.status()) && stored.lifetime >= ReadyActivation.ACTIVATION_BYTES) {
        work = work.compose(v -> ReadyActivation.start(tx, sim.simId(), sim.accountSid()));
      }
      boolean changed = !verdict.state.equals(before.state);
      return work.map(v -> changed || !verdict.state.equals("allowed") ? new JsonObject().put("iccid", sim.iccid())
          .put("sim_sid", sim.simSid()).put("action", action(verdict.state)).put("reason", verdict.reason) : null);
    });
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

  private static Verdict judge(SimPlan sim, Usage u) {
    return judge(sim, u.home, u.national, u.international);
  }

  private static boolean over(long bytes, Integer limitMb) {
    return limitMb != null && bytes > limitMb * MB;
  }

  private static CallbackRequest notification(SimPlan sim, Usage u, Verdict verdict) {
    return new CallbackRequest(sim.accountSid(), sim.simSid(), "sim.usage_limit", sim.notificationUrl(),
        sim.notificationMethod() == null ? "POST" : sim.notificationMethod(), CallbackRequest.form()
        .add("AccountSid", sim.accountSid()).add("SimSid", sim.simSid()).add("RatePlanSid", sim.ratePlanSid())
        .add("Reason", verdict.reason).add("Action", action(verdict.state))
        .add("DataLimit", sim.dataLimitMb()).add("HomeDataBytes", u.home).add("NationalRoamingDataBytes", u.national)
        .add("InternationalRoamingDataBytes", u.international).add("PeriodStart", u.month.toString())
        .add("ApiVersion", "v1").toList());
  }

  private static Future<Usage> load(SqlClient tx, long simId, OffsetDateTime month) {
    return SqlExecutor.execute(tx, SQL.selectFrom(U).where(U.SIM_ID.eq(simId)).forUpdate()).map(rows -> {
      if (rows.size() == 0) {
        return new Usage(month, 0, 0, 0, 0, "allowed", null);
      }
      Row r = rows.iterator().next();
      boolean same = month.isEqual(r.getOffsetDateTime("month"));
      return new Usage(month, same ? r.getLong("home_bytes") : 0, same ? r.getLong("national_bytes") : 0,
          same ? r.getLong("international_bytes") : 0, r.getLong("lifetime_bytes"),
          same ? r.getString("data_state") : "allowed", r.getOffsetDateTime("notified_month"));
    });
  }

  private static Future<Void> save(SqlClient tx, long simId, Usage u) {
    return SqlExecutor.execute(tx, SQL.insertInto(U).set(U.SIM_ID, simId).set(U.MONTH, u.month)
        .set(U.HOME_BYTES, u.home).set(U.NATIONAL_BYTES, u.national).set(U.INTERNATIONAL_BYTES, u.international)
        .set(U.LIFETIME_BYTES, u.lifetime).set(U.DATA_STATE, u.state).set(U.NOTIFIED_MONTH, u.notified)
        .onConflict(U.SIM_ID).doUpdate()
        .set(U.MONTH, u.month).set(U.HOME_BYTES, u.home).set(U.NATIONAL_BYTES, u.national)
        .set(U.INTERNATIONAL_BYTES, u.international).set(U.LIFETIME_BYTES, u.lifetime).set(U.DATA_STATE, u.state)
        .set(U.NOTIFIED_MONTH, u.notified).set(U.UPDATED_AT, DSL.currentOffsetDateTime())).mapEmpty();
  }
}
