package dev.wireless.server.accounts;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCESS_TOKENS;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.impl.DSL;

/** Accounts and their access tokens. */
public final class AccountRepository {

  private final SqlClient pool;

  /** {@code db}: the pool, or the connection of a transaction. */
  public AccountRepository(SqlClient db) {
    this.pool = db;
  }

  public Future<Void> insert(String sid, String friendlyName, String parentSid, byte[] primaryTokenHash) {
    return SqlExecutor.execute(pool, SQL.insertInto(ACCOUNTS)
            .set(ACCOUNTS.SID, sid)
            .set(ACCOUNTS.FRIENDLY_NAME, friendlyName)
            .set(ACCOUNTS.PARENT_SID, parentSid)
            .set(ACCOUNTS.PRIMARY_TOKEN_HASH, primaryTokenHash))
        .mapEmpty();
  }

  public Future<Optional<AccountRow>> findBySid(String sid) {
    return SqlExecutor.execute(pool, SQL.selectFrom(ACCOUNTS).where(ACCOUNTS.SID.eq(sid)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toRow(rows.iterator().next())));
  }

  /** The active account whose primary or secondary Auth Token has {@code digest}. */
  public Future<Optional<String>> findActiveSidByTokenDigest(byte[] digest) {
    return SqlExecutor.execute(pool, SQL.select(ACCOUNTS.SID).from(ACCOUNTS)
            .where(ACCOUNTS.PRIMARY_TOKEN_HASH.eq(digest).or(ACCOUNTS.SECONDARY_TOKEN_HASH.eq(digest)))
            .and(ACCOUNTS.STATUS.eq("active")))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getString(ACCOUNTS.SID.getName())));
  }

  /** Makes {@code primary} the primary token digest and {@code secondary} the secondary one. */
  public Future<Boolean> replaceTokenDigests(String sid, byte[] primary, byte[] secondary) {
    return SqlExecutor.execute(pool, SQL.update(ACCOUNTS)
            .set(ACCOUNTS.PRIMARY_TOKEN_HASH, primary)
            .set(ACCOUNTS.SECONDARY_TOKEN_HASH, secondary)
            .set(ACCOUNTS.UPDATED_AT, DSL.currentOffsetDateTime())
            .where(ACCOUNTS.SID.eq(sid)))
        .map(rows -> rows.rowCount() == 1);
  }

  public Future<Void> insertAccessToken(byte[] digest, String accountSid, OffsetDateTime expiresAt) {
    return SqlExecutor.execute(pool, SQL.insertInto(ACCESS_TOKENS)
            .set(ACCESS_TOKENS.TOKEN_HASH, digest)
            .set(ACCESS_TOKENS.ACCOUNT_SID, accountSid)
            .set(ACCESS_TOKENS.EXPIRES_AT, expiresAt))
        .mapEmpty();
  }

  /** The active account of an unexpired access token with {@code digest}. */
  public Future<Optional<String>> findActiveSidByAccessTokenDigest(byte[] digest) {
    return SqlExecutor.execute(pool, SQL.select(ACCOUNTS.SID).from(ACCESS_TOKENS)
            .join(ACCOUNTS).on(ACCOUNTS.SID.eq(ACCESS_TOKENS.ACCOUNT_SID))
            .where(ACCESS_TOKENS.TOKEN_HASH.eq(digest))
            .and(ACCESS_TOKENS.EXPIRES_AT.gt(DSL.currentOffsetDateTime()))
            .and(ACCOUNTS.STATUS.eq("active")))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of(rows.iterator().next().getString(ACCOUNTS.SID.getName())));
  }

  private static AccountRow toRow(Row row) {
    return new AccountRow(row.getString(ACCOUNTS.SID.getName()), row.getString(ACCOUNTS.FRIENDLY_NAME.getName()),
        row.getString(ACCOUNTS.PARENT_SID.getName()), row.getString(ACCOUNTS.STATUS.getName()),
        bytes(row.getBuffer(ACCOUNTS.PRIMARY_TOKEN_HASH.getName())),
        bytes(row.getBuffer(ACCOUNTS.SECONDARY_TOKEN_HASH.getName())));
  }

  private static byte[] bytes(Buffer buffer) {
    return buffer == null ? null : buffer.getBytes();
  }
}
