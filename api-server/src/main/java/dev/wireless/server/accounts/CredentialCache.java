package dev.wireless.server.accounts;

import dev.wireless.persistence.ChannelListener;
import dev.wireless.persistence.SqlExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jooq.impl.DSL;

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

  private record Entry(String accountSid, long expiresAtNanos) {
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();
  private final long ttlNanos;
  private volatile boolean listening;
  private volatile boolean stopped;
  private ChannelListener listener;

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
    listener = new ChannelListener(vertx, pool, CHANNEL, new ChannelListener.Events() {
      @Override
      public void listening() {
        forgetAll();
        listening = !stopped;
      }

      @Override
      public void notified(String accountSid) {
        forgetAll();
      }

      @Override
      public void lost() {
        listening = false;
        forgetAll();
      }
    });
    listener.start();
  }

  public Future<Void> stop() {
    stopped = true;
    listening = false;
    return listener == null ? Future.succeededFuture() : listener.stop();
  }

  private void forgetAll() {
    generation.incrementAndGet();
    entries.clear();
  }
}
