package dev.wireless.server.ops;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.CALLBACK_DELIVERIES;
import static dev.wireless.persistence.jooq.Tables.PROVISIONING_JOBS;

import dev.wireless.persistence.SqlExecutor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.impl.DSL;

/**
 * The durable queues as an operator watches them: provisioning jobs waiting and the age of the
 * oldest due one, and callback deliveries per state (a growing {@code pending} or {@code failed}
 * count is the signal). Read from Postgres every few seconds, so every node reports the shared
 * truth, not just its own work.
 */
public final class QueueGauges {

  private static final List<String> DELIVERY_STATES = List.of("pending", "running", "delivered", "failed", "cancelled");
  private static final List<String> JOB_STATES = List.of("queued", "running", "failed");

  private final Pool pool;
  private final Map<String, AtomicLong> deliveries = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> jobs = new ConcurrentHashMap<>();
  private final AtomicLong oldestDueJobSeconds = new AtomicLong();

  private QueueGauges(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    for (String state : DELIVERY_STATES) {
      Gauge.builder("wireless.callbacks", deliveries.computeIfAbsent(state, s -> new AtomicLong()), AtomicLong::get)
          .description("callback deliveries by state").tag("state", state).register(registry);
    }
    for (String state : JOB_STATES) {
      Gauge.builder("wireless.provisioning.jobs", jobs.computeIfAbsent(state, s -> new AtomicLong()), AtomicLong::get)
          .description("provisioning jobs by state").tag("state", state).register(registry);
    }
    Gauge.builder("wireless.provisioning.oldest.due.seconds", oldestDueJobSeconds, AtomicLong::get)
        .description("age of the oldest queued provisioning job that is due").register(registry);
  }

  /** Starts refreshing every {@code periodMillis}; returns the timer id. */
  public static long start(Vertx vertx, Pool pool, long periodMillis) {
    QueueGauges gauges = new QueueGauges(pool, Telemetry.registry());
    gauges.refresh();
    return vertx.setPeriodic(periodMillis, id -> gauges.refresh());
  }

  private void refresh() {
    SqlExecutor.execute(pool, SQL.select(CALLBACK_DELIVERIES.STATE, DSL.count()).from(CALLBACK_DELIVERIES)
            .groupBy(CALLBACK_DELIVERIES.STATE))
        .onSuccess(rows -> {
          deliveries.values().forEach(v -> v.set(0));
          rows.forEach(row -> deliveries.computeIfAbsent(row.getString(0), s -> new AtomicLong()).set(row.getLong(1)));
        });
    SqlExecutor.execute(pool, SQL.select(PROVISIONING_JOBS.STATE, DSL.count()).from(PROVISIONING_JOBS)
            .where(PROVISIONING_JOBS.STATE.in(JOB_STATES)).groupBy(PROVISIONING_JOBS.STATE))
        .onSuccess(rows -> {
          jobs.values().forEach(v -> v.set(0));
          rows.forEach(row -> jobs.computeIfAbsent(row.getString(0), s -> new AtomicLong()).set(row.getLong(1)));
        });
    SqlExecutor.execute(pool, SQL.select(DSL.coalesce(DSL.max(
                DSL.field("extract(epoch from now() - {0})", Long.class, PROVISIONING_JOBS.RUN_AT)), DSL.inline(0L)))
            .from(PROVISIONING_JOBS)
            .where(PROVISIONING_JOBS.STATE.eq("queued")).and(PROVISIONING_JOBS.RUN_AT.le(DSL.currentOffsetDateTime())))
        .onSuccess(rows -> oldestDueJobSeconds.set(rows.iterator().next().getLong(0)));
  }
}
