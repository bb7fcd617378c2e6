package dev.wireless.server.idempotency;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.IDEMPOTENCY_KEYS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.impl.DSL;

/** Reserved and completed idempotency keys, per account. */
final class IdempotencyRepository {

  /** A key as stored; {@code responseStatus} is null while its first request runs. */
  record StoredKey(byte[] requestHash, String state, Integer responseStatus, String responseBody) {
  }

  private final SqlClient db;

  IdempotencyRepository(SqlClient db) {
    this.db = db;
  }

  /** Reserves the key (also when an earlier use has expired); false if it is taken. */
  Future<Boolean> reserve(String accountSid, String key, byte[] requestHash, Duration ttl) {
    OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(ttl);
    return SqlExecutor.execute(db, SQL.insertInto(IDEMPOTENCY_KEYS)
            .set(IDEMPOTENCY_KEYS.ACCOUNT_SID, accountSid)
            .set(IDEMPOTENCY_KEYS.KEY, key)
            .set(IDEMPOTENCY_KEYS.REQUEST_HASH, requestHash)
            .set(IDEMPOTENCY_KEYS.EXPIRES_AT, expires)
            .onConflict(IDEMPOTENCY_KEYS.ACCOUNT_SID, IDEMPOTENCY_KEYS.KEY)
            .doUpdate()
            .set(IDEMPOTENCY_KEYS.REQUEST_HASH, requestHash)
            .set(IDEMPOTENCY_KEYS.STATE, "running")
            .set(IDEMPOTENCY_KEYS.RESPONSE_STATUS, (Integer) null)
            .set(IDEMPOTENCY_KEYS.RESPONSE_BODY, (String) null)
            .set(IDEMPOTENCY_KEYS.CREATED_AT, DSL.currentOffsetDateTime())
            .set(IDEMPOTENCY_KEYS.EXPIRES_AT, expires)
            .where(IDEMPOTENCY_KEYS.EXPIRES_AT.lt(DSL.currentOffsetDateTime()))
            .returning(IDEMPOTENCY_KEYS.KEY))
        .map(rows -> rows.size() == 1);
  }

  Future<Optional<StoredKey>> find(String accountSid, String key) {
    return SqlExecutor.execute(db, SQL.selectFrom(IDEMPOTENCY_KEYS)
            .where(IDEMPOTENCY_KEYS.ACCOUNT_SID.eq(accountSid)).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next())));
  }

  Future<Void> complete(String accountSid, String key, int status, String body) {
    return SqlExecutor.execute(db, SQL.update(IDEMPOTENCY_KEYS)
            .set(IDEMPOTENCY_KEYS.STATE, "done")
            .set(IDEMPOTENCY_KEYS.RESPONSE_STATUS, status)
            .set(IDEMPOTENCY_KEYS.RESPONSE_BODY, body)
            .where(IDEMPOTENCY_KEYS.ACCOUNT_SID.eq(accountSid)).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
        .mapEmpty();
  }

  Future<Void> release(String accountSid, String key) {
    return SqlExecutor.execute(db, SQL.deleteFrom(IDEMPOTENCY_KEYS)
            .where(IDEMPOTENCY_KEYS.ACCOUNT_SID.eq(accountSid)).and(IDEMPOTENCY_KEYS.KEY.eq(key))
            .and(IDEMPOTENCY_KEYS.STATE.eq("running")))
        .mapEmpty();
  }

  private static StoredKey toStored(Row row) {
    Buffer hash = row.getBuffer(IDEMPOTENCY_KEYS.REQUEST_HASH.getName());
    return new StoredKey(hash == null ? new byte[0] : hash.getBytes(), row.getString(IDEMPOTENCY_KEYS.STATE.getName()),
        row.getInteger(IDEMPOTENCY_KEYS.RESPONSE_STATUS.getName()),
        row.getString(IDEMPOTENCY_KEYS.RESPONSE_BODY.getName()));
  }
}
