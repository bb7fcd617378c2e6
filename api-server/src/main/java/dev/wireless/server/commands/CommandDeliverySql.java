package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

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
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The delivery workers' batch statements, each rendered once and each one statement whatever the
 * batch size: claim due jobs together with what sending their Commands needs, record
 * {@code sent} for a batch, apply a batch of delivery receipts.
 *
 * <p>Lock order: a statement that changes several Commands locks them in id order first
 * ({@code ORDER BY id FOR UPDATE} in a materialized CTE), so a receipt batch and a sent batch that
 * share Commands wait for each other instead of deadlocking. Every change is guarded by the status
 * it expects (re-checked on the row's latest version once the lock is held), and a job's by the
 * worker's lease, exactly as the one-job statements of {@link CommandJobRepository}.
 */
final class CommandDeliverySql {

  /** A Command as the batch statements return it, with its SIM's unique_name for the callback. */
  record Changed(CommandRow command, String simUniqueName) {
  }

  private static final Commands C = COMMANDS;
  private static final CommandJobs J = COMMAND_JOBS;

  private static final Template CLAIM = claim();
  private static final Template RECORD_SENT = recordSent();
  private static final Template APPLY_RECEIPTS = applyReceipts();

  private CommandDeliverySql() {
  }

  /**
   * Leases up to {@code limit} due jobs of every kind to {@code worker} (the engine's claim,
   * {@link dev.wireless.persistence.jobs.JobQueue#due}), together with their Commands.
   */
  static Future<List<ClaimedJob>> claim(SqlClient db, String worker, int limit, Duration lease) {
    return CommandJobRepository.QUEUE.claim(CLAIM, db, worker, limit, lease).map(rows -> {
      List<ClaimedJob> jobs = new ArrayList<>(rows.size());
      rows.forEach(r -> jobs.add(new ClaimedJob(new CommandJob(r.getLong(0), r.getLong(1), r.getString(2),
          r.getInteger(3), r.getInteger(4)), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
          r.getString(9), r.getBoolean(10), r.getString(11), r.getString(12), r.getBoolean(13) == null ? null
          : new DeliveryReport(Duration.ZERO, r.getBoolean(13), r.getInteger(14) == null ? 0 : r.getInteger(14),
              r.getString(15)))));
      return jobs;
    });
  }

  /**
   * The carrier took these jobs' Commands: each still {@code queued} becomes {@code sent}; its job
   * waits for the receipt ({@code receipt} stage, due after {@code receiptTimeout}) or, without one,
   * is completed, as is the job of a Command that had already moved on. Jobs whose lease
   * {@code worker} lost are left alone. A delivery report the carrier announced ({@code reports},
   * by job id) becomes a {@code report} job of the Command that turned {@code sent}, due when the
   * report arrives, in the same statement. Returns the Commands that ended {@code sent} (no receipt
   * requested): their callbacks are the caller's to enqueue, in the same transaction.
   */
  static Future<List<Changed>> recordSent(SqlClient db, List<Long> jobIds, Map<Long, DeliveryReport> reports,
                                          String worker, Duration receiptTimeout) {
    int n = reports.size();
    Long[] jobs = new Long[n];
    Double[] delays = new Double[n];
    Boolean[] delivered = new Boolean[n];
    Integer[] codes = new Integer[n];
    String[] messages = new String[n];
    int i = 0;
    for (Map.Entry<Long, DeliveryReport> report : reports.entrySet()) {
      jobs[i] = report.getKey();
      delays[i] = (double) report.getValue().after().toMillis();
      delivered[i] = report.getValue().delivered();
      codes[i] = report.getValue().delivered() ? null : report.getValue().errorCode();
      messages[i++] = report.getValue().message();
    }
    return RECORD_SENT.execute(db, jobIds.toArray(new Long[0]), worker, (double) receiptTimeout.toMillis(),
        jobs, delays, delivered, codes, messages).map(CommandDeliverySql::changed);
  }

  /**
   * Delivery receipts, one per Command SID: a {@code queued} or {@code sent} Command that asked for
   * one becomes {@code delivered}, or {@code failed} with the receipt's error, and its waiting jobs
   * are canceled; anything else (a repeat, a late receipt) is ignored. Returns the changed Commands,
   * whose callbacks are the caller's to enqueue in the same transaction.
   */
  static Future<List<Changed>> applyReceipts(SqlClient tx, List<String> sids, List<Boolean> delivered,
                                             List<Integer> codes, List<String> messages) {
    return APPLY_RECEIPTS.execute(tx, sids.toArray(new String[0]), delivered.toArray(new Boolean[0]),
        codes.toArray(new Integer[0]), messages.toArray(new String[0])).map(CommandDeliverySql::changed);
  }

  private static Template claim() {
    var due = CommandJobRepository.QUEUE.due(List.of());
    var claimed = CommandJobRepository.QUEUE.claimed(due, J.ID, J.COMMAND_ID, J.STAGE, J.ATTEMPTS,
        J.MAX_ATTEMPTS, J.REPORT_DELIVERED, J.REPORT_ERROR_CODE, J.REPORT_ERROR_MESSAGE);
    Field<Long> jobId = claimed.field(J.ID);
    return Template.of(SQL.with(due).with(claimed)
        .select(jobId, claimed.field(J.COMMAND_ID), claimed.field(J.STAGE), claimed.field(J.ATTEMPTS),
            claimed.field(J.MAX_ATTEMPTS), C.SID, C.SIM_SID, C.STATUS, C.COMMAND_MODE, C.PAYLOAD,
            C.DELIVERY_RECEIPT_REQUESTED, C.CALLBACK_URL, SIMS.ICCID, claimed.field(J.REPORT_DELIVERED),
            claimed.field(J.REPORT_ERROR_CODE), claimed.field(J.REPORT_ERROR_MESSAGE))
        .from(claimed).join(C).on(C.ID.eq(claimed.field(J.COMMAND_ID)))
        .leftJoin(SIMS).on(SIMS.SID.eq(C.SIM_SID))
        .orderBy(jobId));
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
    var jobs = DSL.name("jobs").as(SQL.update(J)
        .set(J.STATE, DSL.when(waits, DSL.inline(JobState.QUEUED)).otherwise(DSL.inline(JobState.COMPLETED)))
        .set(J.STAGE, DSL.when(waits, DSL.inline(CommandJob.RECEIPT)).otherwise(J.STAGE))
        .set(J.RUN_AT, DSL.when(waits, DatabaseClock.plusMillis(DSL.param(SQLDataType.DOUBLE))).otherwise(J.RUN_AT))
        .set(J.LOCKED_BY, DSL.when(waits, DSL.inline((String) null)).otherwise(J.LOCKED_BY))
        .set(J.FINISHED_AT, DSL.when(waits, DSL.inline((OffsetDateTime) null)).otherwise(now))
        .set(J.LOCKED_UNTIL, DSL.inline((OffsetDateTime) null)).set(J.LAST_ERROR, DSL.inline((String) null))
        .set(J.UPDATED_AT, now)
        .from(DSL.table(DSL.name("held")).leftJoin(DSL.table(DSL.name("sent"))).on(sentId.eq(heldCommand)))
        .where(J.ID.eq(heldJob))
        .returningResult(J.ID));
    Table<?> announced = DSL.table("unnest({0}, {1}, {2}, {3}, {4})", DSL.param(SQLDataType.BIGINT.array()),
        DSL.param(SQLDataType.DOUBLE.array()), DSL.param(SQLDataType.BOOLEAN.array()),
        DSL.param(SQLDataType.INTEGER.array()), DSL.param(SQLDataType.VARCHAR.array()))
        .as("announced", "job", "delay", "delivered", "code", "message");
    var reports = DSL.name("reports").as(SQL.insertInto(J, J.COMMAND_ID, J.STAGE, J.RUN_AT, J.REPORT_DELIVERED,
            J.REPORT_ERROR_CODE, J.REPORT_ERROR_MESSAGE)
        .select(DSL.select(heldCommand, DSL.inline(CommandJob.REPORT),
                DatabaseClock.plusMillis(DSL.field(DSL.name("announced", "delay"), Double.class)),
                DSL.field(DSL.name("announced", "delivered"), Boolean.class),
                DSL.field(DSL.name("announced", "code"), Integer.class),
                DSL.field(DSL.name("announced", "message"), String.class))
            .from(announced)
            .join(DSL.table(DSL.name("held"))).on(heldJob.eq(DSL.field(DSL.name("announced", "job"), Long.class)))
            .join(DSL.table(DSL.name("sent"))).on(sentId.eq(heldCommand))
            .where(waits))
        .returningResult(J.ID));
    return Template.of(SQL.with(held).with(locked).with(sent).with(jobs).with(reports)
        .select(DSL.table(DSL.name("sent")).asterisk(), SIMS.UNIQUE_NAME)
        .from(DSL.table(DSL.name("sent"))).leftJoin(SIMS)
        .on(SIMS.SID.eq(DSL.field(DSL.name("sent", C.SIM_SID.getName()), String.class)))
        .where(DSL.not(DSL.field(DSL.name("sent", C.DELIVERY_RECEIPT_REQUESTED.getName()), Boolean.class))));
  }

  private static Template applyReceipts() {
    Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
    Table<?> input = DSL.table("unnest({0}, {1}, {2}, {3})", DSL.param(SQLDataType.VARCHAR.array()),
        DSL.param(SQLDataType.BOOLEAN.array()), DSL.param(SQLDataType.INTEGER.array()),
        DSL.param(SQLDataType.VARCHAR.array())).as("input", "sid", "delivered", "code", "message");
    Field<Boolean> delivered = DSL.field(DSL.name("locked", "delivered"), Boolean.class);
    var open = C.STATUS.in(DSL.inline(CommandRow.QUEUED), DSL.inline(CommandRow.SENT));
    var locked = DSL.name("locked").asMaterialized(DSL.select(C.ID, DSL.field(DSL.name("input", "delivered")),
            DSL.field(DSL.name("input", "code")), DSL.field(DSL.name("input", "message")))
        .from(C).join(input).on(C.SID.eq(DSL.field(DSL.name("input", "sid"), String.class)))
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
