package dev.wireless.server.commands;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.SIMS;

import dev.wireless.persistence.SqlExecutor;
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
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * Commands, scoped to one account for everything the API does; the workers reach a Command by its
 * internal id. Also reads (and locks) the SIM a Command is for, with its plan's messaging flag.
 */
final class CommandRepository {

  private static final dev.wireless.persistence.jooq.tables.Commands C = COMMANDS;

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
