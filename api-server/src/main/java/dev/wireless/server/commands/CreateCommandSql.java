package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.SqlExecutor.Template;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The two statements of CreateCommand, each rendered once: lock the SIM, then (a statement of its
 * own, so its snapshot is taken once the lock is held and sees every Command committed by the
 * lock's previous holder) count the SIM's queued Commands and, below the limit, insert the Command
 * and its {@code send} job. The caller may send both without waiting in between; a Command that
 * breaks a rule is rolled back with the transaction.
 */
final class CreateCommandSql {

  /** A stored Command with the SIM's queued count before it; {@code command} empty when over the limit. */
  record Inserted(int queuedBefore, Optional<CommandRow> command) {
  }

  private static final dev.wireless.persistence.jooq.tables.Commands C = COMMANDS;

  private static final Template LOCK_BY_SID = lockWhere(SIMS.SID.eq(DSL.param(SIMS.SID.getDataType())));
  private static final Template LOCK_BY_NAME = lockWhere(SIMS.UNIQUE_NAME.eq(DSL.param(SIMS.UNIQUE_NAME.getDataType())));
  private static final Template INSERT_BELOW_LIMIT = insertBelowLimit();

  private CreateCommandSql() {
  }

  /** Locks the account's SIM named by SID (already {@link dev.wireless.server.common.Sids#normal normalised}) or unique_name. */
  static Future<Optional<CommandTarget>> lockTarget(SqlClient tx, String accountSid, String key, boolean bySid) {
    return (bySid ? LOCK_BY_SID : LOCK_BY_NAME).execute(tx, accountSid, key).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      return Optional.of(CommandTarget.of(rows.iterator().next()));
    });
  }

  /** Stores {@code c} (queued, to_sim) and its send job unless its SIM already has {@code limit} queued. */
  static Future<Inserted> insertBelowLimit(SqlClient tx, CommandRow c, int limit) {
    return INSERT_BELOW_LIMIT.execute(tx, c.simSid(), c.sid(), c.accountSid(), c.simSid(), c.command(), c.payload(),
            c.mode(), c.transport(), c.receiptRequested(), c.status(), c.direction(), c.callbackUrl(),
            c.callbackMethod(), limit)
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Inserted(r.getInteger("queued_before"),
              r.getLong(C.ID.getName()) == null ? Optional.empty() : Optional.of(CommandRepository.toRow(r)));
        });
  }

  private static Template lockWhere(Condition key) {
    return Template.of(CommandTarget.lockWhere(SIMS.ACCOUNT_SID.eq(DSL.param(SIMS.ACCOUNT_SID.getDataType())).and(key)));
  }

  private static Template insertBelowLimit() {
    Field<Integer> queuedBefore = DSL.field(DSL.name("queued", "queued_before"), Integer.class);
    CommonTableExpression<Record1<Integer>> queued = DSL.name("queued").as(
        DSL.select(DSL.count().as("queued_before")).from(C)
            .where(C.SIM_SID.eq(DSL.param(C.SIM_SID.getDataType()))).and(C.STATUS.eq(DSL.inline(CommandRow.QUEUED))));
    var inserted = DSL.name("inserted").as(SQL.insertInto(C, C.SID, C.ACCOUNT_SID, C.SIM_SID, C.COMMAND, C.PAYLOAD,
            C.COMMAND_MODE, C.TRANSPORT, C.DELIVERY_RECEIPT_REQUESTED, C.STATUS, C.DIRECTION, C.CALLBACK_URL,
            C.CALLBACK_METHOD)
        .select(DSL.select(param(C.SID), param(C.ACCOUNT_SID), param(C.SIM_SID), param(C.COMMAND), param(C.PAYLOAD),
                param(C.COMMAND_MODE), param(C.TRANSPORT), param(C.DELIVERY_RECEIPT_REQUESTED), param(C.STATUS),
                param(C.DIRECTION), param(C.CALLBACK_URL), param(C.CALLBACK_METHOD))
            .from(queued).where(queuedBefore.lt(DSL.param(SQLDataType.INTEGER))))
        .returning());
    Field<Long> insertedId = DSL.field(DSL.name("inserted", C.ID.getName()), Long.class);
    var job = DSL.name("job").as(SQL.insertInto(COMMAND_JOBS, COMMAND_JOBS.COMMAND_ID, COMMAND_JOBS.STAGE)
        .select(DSL.select(insertedId, DSL.inline(CommandJob.SEND)).from(DSL.table(DSL.name("inserted"))))
        .returningResult(COMMAND_JOBS.ID));
    return Template.of(SQL.with(queued).with(inserted).with(job)
        .select(queuedBefore).select(DSL.table(DSL.name("inserted")).asterisk())
        .from(queued).leftJoin(DSL.table(DSL.name("inserted"))).on(DSL.trueCondition()));
  }

  /** A placeholder cast to the column's type: in INSERT … SELECT, Postgres cannot infer it from the target. */
  private static <T> Field<T> param(Field<T> column) {
    return DSL.cast(DSL.param(column.getDataType()), column.getDataType());
  }
}
