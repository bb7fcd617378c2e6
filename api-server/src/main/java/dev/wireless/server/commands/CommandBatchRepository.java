package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.ArrayRows;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.DatabaseClock;
import dev.wireless.persistence.jobs.JobState;
import dev.wireless.server.carrier.CarrierResult.DeliveryReport;
import dev.wireless.persistence.jooq.tables.CommandJobs;
import dev.wireless.persistence.jooq.tables.Commands;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The delivery workers' batch changes of Commands and their jobs, each one statement whatever the
 * batch size and rendered once: record {@code sent} for a batch, apply a batch of delivery
 * receipts. Created on the pool, or on a transaction's connection when the Commands' callbacks
 * must commit with the change.
 *
 * <p>Lock order: a statement that changes several Commands locks them in id order first
 * ({@code ORDER BY id FOR UPDATE} in a materialized CTE), so a receipt batch and a sent batch that
 * share Commands wait for each other instead of deadlocking. Every change is guarded by the status
 * it expects (re-checked on the row's latest version once the lock is held), and a job's by the
 * worker's lease, exactly as the one-job changes of {@link CommandJobRepository}.
 */
final class CommandBatchRepository {

  /** A Command as the batch statements return it, with its SIM's unique_name for the callback. */
  record Changed(CommandRow command, String simUniqueName) {
  }

  private static final Commands C = COMMANDS;
  private static final CommandJobs J = COMMAND_JOBS;

  /** A delivery report the carrier announced, per job: when it falls due and what it says. */
  private static final Field<Double> DELAY = DSL.field(DSL.name("delay"), SQLDataType.DOUBLE);
  private static final ArrayRows ANNOUNCED = ArrayRows.of("announced", J.ID, DELAY, J.REPORT_DELIVERED, J.REPORT_ERROR_CODE,
      J.REPORT_ERROR_MESSAGE);
  /** Delivery receipts, per Command SID. */
  private static final Field<Boolean> DELIVERED = DSL.field(DSL.name("delivered"), SQLDataType.BOOLEAN);
  private static final ArrayRows RECEIPTS = ArrayRows.of("input", C.SID, DELIVERED, C.ERROR_CODE, C.ERROR_MESSAGE);

  private static final Template RECORD_SENT = recordSent();
  private static final Template APPLY_RECEIPTS = applyReceipts();

  private final SqlClient db;

  /** {@code db}: the pool, or the connection of a transaction. */
  CommandBatchRepository(SqlClient db) {
    this.db = db;
  }

  /**
   * The carrier took these jobs' Commands: each still {@code queued} becomes {@code sent}. The job
   * of a Command that asked for a receipt stays, as its next stage: the delivery report the carrier
   * announced ({@code reports}, by job id), stored in the job and due when the report arrives
   * ({@code report}); without one, the wait for a receipt from the network ({@code receipt}, due
   * after {@code receiptTimeout}). A report always ends its Command, so the job that carries it
   * needs no timeout beside it: one job row per Command, changed in place. Other jobs are
   * completed, as is the job of a Command that had already moved on; jobs whose lease
   * {@code worker} lost are left alone. Returns the Commands that ended {@code sent} (no receipt
   * requested): their callbacks are the caller's to enqueue, in the same transaction.
   */
  Future<List<Changed>> recordSent(List<Long> jobIds, Map<Long, DeliveryReport> reports, String worker,
                                   Duration receiptTimeout) {
    ArrayRows.Batch announced = ANNOUNCED.batch(reports.size());
    int i = 0;
    for (Map.Entry<Long, DeliveryReport> entry : reports.entrySet()) {
      DeliveryReport report = entry.getValue();
      announced.row(i++, entry.getKey(), (double) report.after().toMillis(), report.delivered(),
          report.delivered() ? null : report.errorCode(), report.message());
    }
    return RECORD_SENT.execute(db, announced.valuesAfter(jobIds.toArray(new Long[0]), worker,
        (double) receiptTimeout.toMillis())).map(CommandBatchRepository::changed);
  }

  /**
   * Delivery receipts, one per Command SID: a {@code queued} or {@code sent} Command that asked for
   * one becomes {@code delivered}, or {@code failed} with the receipt's error, and its waiting jobs
   * are canceled; anything else (a repeat, a late receipt) is ignored. Returns the changed Commands,
   * whose callbacks are the caller's to enqueue in the same transaction.
   */
  Future<List<Changed>> applyReceipts(List<String> sids, List<Boolean> delivered, List<Integer> codes,
                                      List<String> messages) {
    ArrayRows.Batch receipts = RECEIPTS.batch(sids.size());
    for (int i = 0; i < sids.size(); i++) {
      receipts.row(i, sids.get(i), delivered.get(i), codes.get(i), messages.get(i));
    }
    return APPLY_RECEIPTS.execute(db, receipts.values()).map(CommandBatchRepository::changed);
  }

  private static Template recordSent() {
    Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
    var held = DSL.name("held").asMaterialized(DSL.select(J.ID, J.COMMAND_ID).from(J)
        .where(J.ID.eq(DSL.any(DSL.param(SQLDataType.BIGINT.array()))))
        .and(CommandJobRepository.QUEUE.held(DSL.param(J.LOCKED_BY.getDataType())))
        .orderBy(J.ID).forUpdate());
    Field<Long> heldJob = DSL.field(DSL.name("held", J.ID.getName()), Long.class);
    Field<Long> heldCommand = DSL.field(DSL.name("held", J.COMMAND_ID.getName()), Long.class);
    var locked = DSL.name("locked").asMaterialized(DSL.select(C.ID).from(C)
        .where(C.ID.in(DSL.select(heldCommand).from(held))).orderBy(C.ID).forUpdate());
    var sent = DSL.name("sent").as(SQL.update(C).set(C.STATUS, DSL.inline(CommandRow.SENT)).set(C.UPDATED_AT, now)
        .where(C.ID.in(DSL.select(locked.field(C.ID)).from(locked))).and(C.STATUS.eq(DSL.inline(CommandRow.QUEUED)))
        .returning());
    Field<Long> sentId = DSL.field(DSL.name("sent", C.ID.getName()), Long.class);
    Field<Boolean> waits = DSL.coalesce(DSL.field(DSL.name("sent", C.DELIVERY_RECEIPT_REQUESTED.getName()),
        Boolean.class), DSL.inline(false));
    Condition reported = DSL.condition(waits).and(ANNOUNCED.field(J.ID).isNotNull());
    var jobs = DSL.name("jobs").as(SQL.update(J)
        .set(J.STATE, DSL.when(waits, DSL.inline(JobState.QUEUED)).otherwise(DSL.inline(JobState.COMPLETED)))
        .set(J.STAGE, DSL.when(reported, DSL.inline(CommandJob.REPORT))
            .when(waits, DSL.inline(CommandJob.RECEIPT)).otherwise(J.STAGE))
        .set(J.RUN_AT, DSL.when(reported, DatabaseClock.plusMillis(ANNOUNCED.field(DELAY)))
            .when(waits, DatabaseClock.plusMillis(DSL.param(SQLDataType.DOUBLE))).otherwise(J.RUN_AT))
        .set(J.REPORT_DELIVERED, DSL.when(reported, ANNOUNCED.field(J.REPORT_DELIVERED)).otherwise(J.REPORT_DELIVERED))
        .set(J.REPORT_ERROR_CODE, DSL.when(reported, ANNOUNCED.field(J.REPORT_ERROR_CODE))
            .otherwise(J.REPORT_ERROR_CODE))
        .set(J.REPORT_ERROR_MESSAGE, DSL.when(reported, ANNOUNCED.field(J.REPORT_ERROR_MESSAGE))
            .otherwise(J.REPORT_ERROR_MESSAGE))
        .set(J.LOCKED_BY, DSL.when(waits, DSL.inline((String) null)).otherwise(J.LOCKED_BY))
        .set(J.FINISHED_AT, DSL.when(waits, DSL.inline((OffsetDateTime) null)).otherwise(now))
        .set(J.LOCKED_UNTIL, DSL.inline((OffsetDateTime) null)).set(J.LAST_ERROR, DSL.inline((String) null))
        .set(J.UPDATED_AT, now)
        .from(DSL.table(DSL.name("held")).leftJoin(DSL.table(DSL.name("sent"))).on(sentId.eq(heldCommand))
            .leftJoin(ANNOUNCED.table()).on(ANNOUNCED.field(J.ID).eq(heldJob)))
        .where(J.ID.eq(heldJob))
        .returningResult(J.ID));
    return Template.of(SQL.with(held).with(locked).with(sent).with(jobs)
        .select(DSL.table(DSL.name("sent")).asterisk(), SIMS.UNIQUE_NAME)
        .from(DSL.table(DSL.name("sent"))).leftJoin(SIMS)
        .on(SIMS.SID.eq(DSL.field(DSL.name("sent", C.SIM_SID.getName()), String.class)))
        .where(DSL.not(DSL.field(DSL.name("sent", C.DELIVERY_RECEIPT_REQUESTED.getName()), Boolean.class))));
  }

  private static Template applyReceipts() {
    Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
    Field<Boolean> delivered = DSL.field(DSL.name("locked", "delivered"), Boolean.class);
    var open = C.STATUS.in(DSL.inline(CommandRow.QUEUED), DSL.inline(CommandRow.SENT));
    var locked = DSL.name("locked").asMaterialized(DSL.select(C.ID,
            RECEIPTS.field(DELIVERED).as("delivered"),
            RECEIPTS.field(C.ERROR_CODE).as("code"), RECEIPTS.field(C.ERROR_MESSAGE).as("message"))
        .from(C).join(RECEIPTS.table()).on(C.SID.eq(RECEIPTS.field(C.SID)))
        .where(open).and(C.DELIVERY_RECEIPT_REQUESTED)
        .orderBy(C.ID).forUpdate().of(C));
    Field<Long> lockedId = DSL.field(DSL.name("locked", C.ID.getName()), Long.class);
    var changed = DSL.name("changed").as(SQL.update(C)
        .set(C.STATUS, DSL.when(delivered, DSL.inline(CommandRow.DELIVERED)).otherwise(DSL.inline(CommandRow.FAILED)))
        .set(C.ERROR_CODE, DSL.when(delivered, DSL.inline((Integer) null))
            .otherwise(DSL.field(DSL.name("locked", "code"), Integer.class)))
        .set(C.ERROR_MESSAGE, DSL.when(delivered, DSL.inline((String) null))
            .otherwise(DSL.field(DSL.name("locked", "message"), String.class)))
        .set(C.UPDATED_AT, now)
        .from(DSL.table(DSL.name("locked"))).where(C.ID.eq(lockedId)).and(open)
        .returning());
    Field<Long> changedId = DSL.field(DSL.name("changed", C.ID.getName()), Long.class);
    var canceled = DSL.name("canceled").as(SQL.update(J).set(J.STATE, DSL.inline(JobState.CANCELED))
        .set(J.FINISHED_AT, now).set(J.UPDATED_AT, now)
        .where(J.COMMAND_ID.in(DSL.select(changedId).from(DSL.table(DSL.name("changed")))))
        .and(J.STATE.eq(DSL.inline(JobState.QUEUED)))
        .returningResult(J.ID));
    return Template.of(SQL.with(locked).with(changed).with(canceled)
        .select(DSL.table(DSL.name("changed")).asterisk(), SIMS.UNIQUE_NAME)
        .from(DSL.table(DSL.name("changed"))).leftJoin(SIMS)
        .on(SIMS.SID.eq(DSL.field(DSL.name("changed", C.SIM_SID.getName()), String.class))));
  }

  private static List<Changed> changed(RowSet<Row> rows) {
    List<Changed> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(new Changed(CommandRepository.toRow(r), r.getString(SIMS.UNIQUE_NAME.getName()))));
    return out;
  }
}
