package dev.wireless.server.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down credential guessing: a token bucket of failed authentications per client address
 * (the connection's own peer; no proxy header is trusted). An address that has spent its burst
 * is refused with 429 until a failure's worth has refilled, before its credentials are even
 * looked at, so a guess made while refused teaches nothing. Successful authentications cost
 * nothing, and addresses that never failed are not tracked, so other clients are not slowed.
 *
 * <p>IPv6 clients are counted per /64, the block one host is usually given. The table holds at
 * most {@link #MAX_TRACKED} addresses: when it is full, addresses whose bucket has refilled are
 * dropped, and a new address is not tracked while it is still full.
 */
public final class AuthFailureThrottle {

  private static final Logger LOG = LoggerFactory.getLogger(AuthFailureThrottle.class);
  static final int MAX_TRACKED = 10_000;

  private final double perSecond;
  private final double burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private volatile boolean warnedFull;

  /** @param perMinute failures refilled per minute (0 turns the throttle off); @param burst failures in a row */
  public AuthFailureThrottle(int perMinute, int burst) {
    this(perMinute, burst, System::nanoTime);
  }

  AuthFailureThrottle(int perMinute, int burst, LongSupplier nanoClock) {
    this.perSecond = perMinute / 60.0;
    this.burst = Math.max(1, burst);
    this.nanoClock = nanoClock;
  }

  /** 0 when {@code request}'s address may try to authenticate, otherwise the seconds it must wait. */
  public long retryAfter(HttpServerRequest request) {
    if (buckets.isEmpty()) {
      return 0; // the usual case: nobody has failed lately
    }
    return retryAfter(clientKey(request.remoteAddress()));
  }

  /** Counts one failed authentication from {@code request}'s address. */
  public void failed(HttpServerRequest request) {
    if (perSecond > 0) {
      failed(clientKey(request.remoteAddress()));
    }
  }

  long retryAfter(String key) {
    TokenBucket bucket = buckets.get(key);
    return bucket == null ? 0 : bucket.secondsToWait(nanoClock.getAsLong());
  }

  void failed(String key) {
    if (perSecond <= 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    TokenBucket bucket = buckets.get(key);
    if (bucket == null) {
      if (buckets.size() >= MAX_TRACKED && !makeRoom(now)) {
        return;
      }
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
    }
    bucket.spend(now);
  }

  /** Addresses tracked now (for tests of the bound). */
  int tracked() {
    return buckets.size();
  }

  private boolean makeRoom(long now) {
    buckets.values().removeIf(bucket -> bucket.full(now));
    if (buckets.size() < MAX_TRACKED) {
      return true;
    }
    if (!warnedFull) {
      warnedFull = true;
      LOG.warn("{} client addresses are being throttled for failed authentication; further addresses are not tracked",
          MAX_TRACKED);
    }
    return false;
  }

  /** The address an IPv4 client connects from, or the /64 an IPv6 client's address is in. */
  static String clientKey(SocketAddress remote) {
    String host = remote == null ? null : remote.hostAddress();
    if (host == null) {
      return "unknown";
    }
    if (host.indexOf(':') < 0) {
      return host;
    }
    try {
      InetAddress address = InetAddress.getByName(host.startsWith("[") ? host : "[" + host + "]");
      if (!(address instanceof Inet6Address)) {
        return address.getHostAddress(); // an IPv4-mapped address
      }
      byte[] bytes = address.getAddress();
      java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
      return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return host;
    }
  }
}
