package dev.wireless.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps one client from taking the API listener offline, and every request within its deadline:
 * <ul>
 *   <li>a connection beyond the node's or its client address's cap is closed as soon as Vert.x
 *       hands it over (when it opens: the listeners serve HTTP/1.x without h2c, see
 *       {@link HttpListeners#server}), unanswered: refusing stays cheap;</li>
 *   <li>a connection that has not delivered a complete request head within the header timeout —
 *       from its opening, or after its previous answer — is closed (slow-header clients such as
 *       slowloris hold a slot for seconds, not for ever); the listener's idle timeout closes
 *       connections that have gone silent;</li>
 *   <li>a request not answered within the request timeout gets 503 with {@code Retry-After}
 *       (a database that does not answer at all never makes a client wait longer).</li>
 * </ul>
 * Every HTTP/1.1 answer says how long its connection may then sit idle
 * ({@code Keep-Alive: timeout=N}, a second under the header timeout): a pooling client that honours
 * it (Apache HttpClient, as in Twilio's Java library, and most others) drops the connection before
 * the node closes it, instead of sending its next request down a connection that is closing at
 * that moment and failing it. It is a lower bound: where the router keeps the answer's end for
 * itself, the node closes the idle connection only once the deadline's timer has fired.
 * One guard serves all of a node's listeners (one per event loop), so the caps count them all.
 */
public final class ListenerGuard {

  private static final CharSequence KEEP_ALIVE = HttpHeaders.createOptimized("Keep-Alive");

  private final Vertx vertx;
  private final ConnectionLimits limits;
  private final long requestTimeoutMs;
  private final Supplier<ErrorMapper> errors;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private final Map<HttpConnection, Long> headerTimers = new ConcurrentHashMap<>();
  private final java.util.Set<HttpConnection> refused = ConcurrentHashMap.newKeySet();
  private final Map<HttpConnection, HttpServerRequest> latest = new ConcurrentHashMap<>();
  private final String keepAlive;

  public ListenerGuard(Vertx vertx, ConnectionLimits limits, Duration requestTimeout, Supplier<ErrorMapper> errors) {
    this.vertx = vertx;
    this.limits = limits;
    this.requestTimeoutMs = requestTimeout.toMillis();
    this.errors = errors;
    this.keepAlive = "timeout=" + Math.max(1, limits.headerTimeout().toSeconds() - 1);
  }

  /** For {@code HttpServer.connectionHandler}. */
  public Handler<HttpConnection> connections() {
    return connection -> {
      String client = connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
      AtomicInteger fromClient = perClient.computeIfAbsent(client, c -> new AtomicInteger());
      int total = open.incrementAndGet();
      int mine = fromClient.incrementAndGet();
      connection.closeHandler(v -> {
        open.decrementAndGet();
        if (fromClient.decrementAndGet() == 0) {
          perClient.remove(client, fromClient);
        }
        cancelHeaderTimer(connection);
        refused.remove(connection);
        latest.remove(connection);
      });
      if (total > limits.maxConnections() || mine > limits.maxPerClient()) {
        refused.add(connection);
        connection.close();
      } else {
        armHeaderTimer(connection); // its first request head must come within the header timeout too
      }
    };
  }

  /**
   * {@code next}, with the header timer stopped while a request is handled, and its deadline.
   * The answer's end starts the connection's header timer and cancels the deadline; should the
   * router have taken the response's end handler for itself, the deadline's timer does both when
   * it fires (a slow next head is then closed at most request timeout + header timeout after the
   * previous request began).
   */
  public Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      if (refused.contains(connection)) {
        return; // closing: not even read
      }
      cancelHeaderTimer(connection);
      latest.put(connection, request);
      if (request.version() == HttpVersion.HTTP_1_1) {
        request.response().putHeader(KEEP_ALIVE, keepAlive);
      }
      long deadline = vertx.setTimer(requestTimeoutMs, id -> {
        if (!request.response().ended() && !request.response().headWritten()) {
          errors.get().timedOut(request, requestTimeoutMs);
        }
        answered(connection, request);
      });
      // usually the answer comes first: the timer goes, and the connection waits for its next head
      request.response().endHandler(v -> {
        vertx.cancelTimer(deadline);
        answered(connection, request);
      });
      next.handle(request);
    };
  }

  /** Starts the header timer of a kept-alive connection whose latest request is {@code request}. */
  private void answered(HttpConnection connection, HttpServerRequest request) {
    if (request.version() != HttpVersion.HTTP_2 && latest.get(connection) == request) {
      armHeaderTimer(connection);
    }
  }

  /** Connections open now (for tests and metrics). */
  public int openConnections() {
    return open.get();
  }

  private void armHeaderTimer(HttpConnection connection) {
    long timer = vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
      if (headerTimers.remove(connection, id)) {
        connection.close();
      }
    });
    Long previous = headerTimers.put(connection, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void cancelHeaderTimer(HttpConnection connection) {
    Long timer = headerTimers.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
