package dev.wireless.server.accounts;

import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which account a verified Auth Token belongs to, so an authenticated request costs no
 * database round trip of its own. Correctness comes first:
 * <ul>
 *   <li>a token change commits a {@code NOTIFY} on {@value #CHANNEL} in the same transaction
 *       ({@link #announceChange}); every node LISTENs and drops its cache when one arrives;</li>
 *   <li>while the LISTEN connection is not established the cache is bypassed (a missed notification
 *       could otherwise keep a retired token alive), and it starts empty on every (re)connect;</li>
 *   <li>a lookup that started before a notification is not cached when it ends after it (a
 *       generation counter), so a read racing a rotation cannot store the old answer;</li>
 *   <li>entries also expire after a TTL, and only successful lookups are cached.</li>
 * </ul>
 */
public final class CredentialCache {

  static final String CHANNEL = "wireless_credentials";
  private static final int MAX_ENTRIES = 200_000;
  private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(CredentialCache.class);

  private record Entry(String accountSid, long expiresAtNanos) {
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private volatile boolean listening;
  private volatile boolean stopped;
  private SqlConnection connection;

  /** {@code ttl} zero turns caching off. */
  public CredentialCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** Adds the notification that makes every node forget cached credentials, inside {@code tx}. */
  public static Future<Void> announceChange(SqlClient tx, String accountSid) {
    return SqlExecutor.execute(tx, SqlExecutor.SQL
        .select(DSL.function("pg_notify", String.class, DSL.inline(CHANNEL), DSL.val(accountSid)))).mapEmpty();
  }

  /** The cached account for {@code key}, or the lookup's answer (cached when it is safe to). */
  Future<Optional<String>> get(String key, Supplier<Future<Optional<String>>> lookup) {
    if (!listening || ttlNanos == 0) {
      return lookup.get();
    }
    Entry hit = entries.get(key);
    if (hit != null && hit.expiresAtNanos - System.nanoTime() > 0) {
      return Future.succeededFuture(Optional.of(hit.accountSid));
    }
    long before = generation.get();
    return lookup.get().onSuccess(found -> {
      if (found.isPresent() && listening && generation.get() == before) {
        if (entries.size() >= MAX_ENTRIES) {
          entries.clear();
        }
        entries.put(key, new Entry(found.get(), System.nanoTime() + ttlNanos));
      }
    });
  }

  /** Starts listening; until that succeeds, every lookup goes to the database. */
  public void start(Vertx vertx, Pool pool) {
    if (ttlNanos == 0) {
      return;
    }
    pool.getConnection().compose(conn -> {
      PgConnection pg = PgConnection.cast(conn);
      pg.notificationHandler(notification -> {
        if (CHANNEL.equals(notification.getChannel())) {
          forgetAll();
        }
      });
      pg.closeHandler(v -> lost(vertx, pool));
      connection = conn;
      return SqlExecutor.execute(conn, SqlExecutor.SQL
          .query("listen {0}", DSL.name(CHANNEL))).onFailure(e -> conn.close());
    }).onSuccess(v -> {
      forgetAll();
      listening = !stopped;
    }).onFailure(e -> {
      LOG.warn("credential cache off until LISTEN works: {}", e.toString());
      retry(vertx, pool);
    });
  }

  public Future<Void> stop() {
    stopped = true;
    listening = false;
    SqlConnection open = connection;
    connection = null;
    return open == null ? Future.succeededFuture() : open.close();
  }

  private void lost(Vertx vertx, Pool pool) {
    listening = false;
    forgetAll();
    if (!stopped) {
      LOG.warn("credential cache off: its LISTEN connection closed; reconnecting");
      retry(vertx, pool);
    }
  }

  private void retry(Vertx vertx, Pool pool) {
    if (!stopped) {
      vertx.setTimer(RECONNECT_DELAY.toMillis(), id -> start(vertx, pool));
    }
  }

  private void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }
}
