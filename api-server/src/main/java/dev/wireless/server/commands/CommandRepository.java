package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.COMMAND_JOBS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.persistence.SqlExecutor.Template;
import dev.wireless.persistence.jobs.DatabaseClock;
import dev.wireless.server.common.Sids;
import dev.wireless.server.paging.PageRequest;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Commands, scoped to one account for everything the API does; the workers reach a Command by its
 * internal id. Also reads (and locks) the SIM a Command is for, with its plan's messaging flag.
 *
 * <p>CreateCommand is two statements, each rendered once: lock the SIM ({@link #lockTarget}), then
 * (a statement of its own, so its snapshot is taken once the lock is held and sees every Command
 * committed by the lock's previous holder) count the SIM's queued Commands and, below the limit,
 * insert the Command and its {@code send} job ({@link #insertBelowLimit}). The caller may send both
 * without waiting in between; a Command that breaks a rule is rolled back with the transaction.
 */
final class CommandRepository {

  /** A stored Command with the SIM's queued count before it; {@code command} empty when over the limit. */
  record Inserted(int queuedBefore, Optional<CommandRow> command) {
  }

  private static final dev.wireless.persistence.jooq.tables.Commands C = COMMANDS;

  private static final Template LOCK_BY_SID = lockWhere(SIMS.SID.eq(DSL.param(SIMS.SID.getDataType())));
  private static final Template LOCK_BY_NAME = lockWhere(SIMS.UNIQUE_NAME.eq(DSL.param(SIMS.UNIQUE_NAME.getDataType())));
  private static final Template INSERT_BELOW_LIMIT = insertBelowLimit();

  private final SqlClient db;

  CommandRepository(SqlClient db) {
    this.db = db;
  }

  /**
   * Stores a Command a SIM sent, once per network event: empty when {@code eventId} was stored
   * before (a resent event).
   */
  Future<Optional<CommandRow>> insertOnce(CommandRow c, String eventId) {
    return SqlExecutor.execute(db, SQL.insertInto(C)
            .set(C.SID, c.sid()).set(C.ACCOUNT_SID, c.accountSid()).set(C.SIM_SID, c.simSid())
            .set(C.COMMAND, c.command()).set(C.PAYLOAD, c.payload()).set(C.COMMAND_MODE, c.mode())
            .set(C.TRANSPORT, c.transport()).set(C.DELIVERY_RECEIPT_REQUESTED, c.receiptRequested())
            .set(C.STATUS, c.status()).set(C.DIRECTION, c.direction()).set(C.SOURCE_EVENT_ID, eventId)
            .onConflict(C.SOURCE_EVENT_ID).doNothing()
            .returning())
        .map(CommandRepository::first);
  }

  Future<Optional<CommandRow>> find(String accountSid, String sid) {
    return SqlExecutor.execute(db, SQL.selectFrom(C).where(C.ACCOUNT_SID.eq(accountSid))
        .and(C.SID.eq(Sids.normal(sid))))
        .map(CommandRepository::first);
  }

  Future<Optional<CommandRow>> findByEvent(String eventId) {
    return SqlExecutor.execute(db, SQL.selectFrom(C).where(C.SOURCE_EVENT_ID.eq(eventId))).map(CommandRepository::first);
  }

  /** Locks the Command with internal id {@code id} until the transaction ends. */
  Future<Optional<CommandRow>> lockById(long id) {
    return SqlExecutor.execute(db, SQL.selectFrom(C).where(C.ID.eq(id)).forUpdate()).map(CommandRepository::first);
  }

  /** Up to {@code size + 1} Commands in reading order after/before the token's position. */
  Future<List<CommandRow>> page(String accountSid, CommandFilter filter, PageRequest request) {
    if (filter.nothing()) {
      return Future.succeededFuture(List.of());
    }
    Condition where = C.ACCOUNT_SID.eq(accountSid);
    where = filter.simSid() == null ? where : where.and(C.SIM_SID.eq(filter.simSid()));
    where = filter.status() == null ? where : where.and(C.STATUS.eq(filter.status()));
    where = filter.direction() == null ? where : where.and(C.DIRECTION.eq(filter.direction()));
    where = filter.transport() == null ? where : where.and(C.TRANSPORT.eq(filter.transport()));
    if (request.token() != null) {
      where = where.and(request.backwards() ? C.ID.lt(request.token().boundary()) : C.ID.gt(request.token().boundary()));
    }
    return SqlExecutor.execute(db, SQL.selectFrom(C).where(where)
            .orderBy(request.backwards() ? C.ID.desc() : C.ID.asc()).limit(request.size() + 1))
        .map(rows -> {
          List<CommandRow> out = new ArrayList<>(rows.size());
          rows.forEach(row -> out.add(toRow(row)));
          return out;
        });
  }

  Future<Boolean> delete(String accountSid, String sid) {
    return SqlExecutor.execute(db, SQL.deleteFrom(C).where(C.ACCOUNT_SID.eq(accountSid))
        .and(C.SID.eq(Sids.normal(sid))))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Sets the status (and the error, for {@code failed}); returns the Command as now stored. */
  Future<CommandRow> setStatus(long id, String status, Integer errorCode, String errorMessage) {
    return SqlExecutor.execute(db, SQL.update(C).set(C.STATUS, status).set(C.ERROR_CODE, errorCode)
            .set(C.ERROR_MESSAGE, errorMessage).set(C.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(C.ID.eq(id)).returning())
        .map(rows -> toRow(rows.iterator().next()));
  }

  /** Deletes up to {@code batch} Commands created more than {@code retention} ago; returns how many. */
  Future<Integer> purge(Duration retention, int batch) {
    var old = SQL.select(C.ID).from(C)
        .where(C.CREATED_AT.lt(DatabaseClock.minus(retention)))
        .orderBy(C.CREATED_AT).limit(batch);
    return SqlExecutor.execute(db, SQL.deleteFrom(C).where(C.ID.in(old))).map(RowSet::rowCount);
  }

  /** Locks the account's SIM named by SID (already {@link Sids#normal normalised}) or unique_name. */
  Future<Optional<CommandTarget>> lockTarget(String accountSid, String key, boolean bySid) {
    return (bySid ? LOCK_BY_SID : LOCK_BY_NAME).execute(db, accountSid, key)
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(CommandTarget.of(rows.iterator().next())));
  }

  /** Stores {@code c} (queued, to_sim) and its send job unless its SIM already has {@code limit} queued. */
  Future<Inserted> insertBelowLimit(CommandRow c, int limit) {
    return INSERT_BELOW_LIMIT.execute(db, c.simSid(), c.sid(), c.accountSid(), c.simSid(), c.command(), c.payload(),
            c.mode(), c.transport(), c.receiptRequested(), c.status(), c.direction(), c.callbackUrl(),
            c.callbackMethod(), limit)
        .map(rows -> {
          Row r = rows.iterator().next();
          return new Inserted(r.getInteger("queued_before"),
              r.getLong(C.ID.getName()) == null ? Optional.empty() : Optional.of(toRow(r)));
        });
  }

  /** Locks the SIM named by SID or ICCID, whatever its account (a message from the network). */
  Future<Optional<CommandTarget>> lockDevice(String key) {
    return lockTarget(Sids.looksLike("DE", key) ? SIMS.SID.eq(Sids.normal(key)) : SIMS.ICCID.eq(key));
  }

  /** The SID of the account's SIM with this unique_name, if any. */
  Future<Optional<String>> simSidByName(String accountSid, String uniqueName) {
    return SqlExecutor.execute(db, SQL.select(SIMS.SID).from(SIMS).where(SIMS.ACCOUNT_SID.eq(accountSid))
            .and(SIMS.UNIQUE_NAME.eq(uniqueName)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  private Future<Optional<CommandTarget>> lockTarget(Condition where) {
    return SqlExecutor.execute(db, CommandTarget.lockWhere(where))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(CommandTarget.of(rows.iterator().next())));
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

  private static Optional<CommandRow> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next()));
  }

  static CommandRow toRow(Row row) {
    return new CommandRow(row.getLong(C.ID.getName()), row.getString(C.SID.getName()),
        row.getString(C.ACCOUNT_SID.getName()), row.getString(C.SIM_SID.getName()), row.getString(C.COMMAND.getName()),
        row.getString(C.PAYLOAD.getName()), row.getString(C.COMMAND_MODE.getName()),
        row.getString(C.TRANSPORT.getName()), row.getBoolean(C.DELIVERY_RECEIPT_REQUESTED.getName()),
        row.getString(C.STATUS.getName()), row.getString(C.DIRECTION.getName()),
        row.getString(C.CALLBACK_URL.getName()), row.getString(C.CALLBACK_METHOD.getName()),
        row.getInteger(C.ERROR_CODE.getName()), row.getString(C.ERROR_MESSAGE.getName()),
        row.getOffsetDateTime(C.CREATED_AT.getName()), row.getOffsetDateTime(C.UPDATED_AT.getName()));
  }
}
