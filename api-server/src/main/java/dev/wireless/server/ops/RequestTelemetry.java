package dev.wireless.server.ops;

import dev.wireless.server.http.RoutingKeys;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every request: gives it a request id ({@code X-Request-Id} honoured when sane,
 * otherwise generated, always echoed), and when the response is sent
 * records a latency sample per operationId and status and writes one access-log line (logger
 * {@code wireless.access} decides whether it is on; lines are written asynchronously, JSON with
 * {@code WIRELESS_LOG_FORMAT=json}). Never logs a header value
 * other than the request id, nor a body.
 */
public final class RequestTelemetry implements PlatformHandler {

  /** Routing-context keys other handlers fill in for the log line. */
  public static final String OPERATION_KEY = RoutingKeys.OPERATION_ID;
  public static final String ACCOUNT_KEY = RoutingKeys.ACCOUNT_SID;
  public static final String REQUEST_ID_KEY = "wireless.requestId";

  private static final Logger ACCESS = LoggerFactory.getLogger("wireless.access");
  private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final boolean json;

  /** @param logFormat {@code json} or {@code text} */
  /** @param json access-log lines as JSON ({@code WIRELESS_LOG_FORMAT=json}) rather than text */
  public RequestTelemetry(boolean json) {
    this.json = json;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    String given = ctx.request().getHeader("X-Request-Id");
    String requestId = given != null && SANE_ID.matcher(given).matches() ? given : newRequestId();
    ctx.put(REQUEST_ID_KEY, requestId);
    ctx.response().putHeader("X-Request-Id", requestId);
    ctx.addBodyEndHandler(v -> finished(ctx, requestId, System.nanoTime() - start));
    ctx.next();
  }

  /**
   * A random UUID-formatted id. Request ids only need to be unique, not unguessable, so they come
   * from the thread's own generator instead of {@link UUID#randomUUID()}'s shared SecureRandom.
   */
  static String newRequestId() {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  /**
   * One timer per operation and status, looked up without building tags or a key on every request:
   * per operation, an array indexed by status code.
   */
  private static final java.util.concurrent.ConcurrentMap<String, Timer[]> TIMERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Timer timer(String operation, int status) {
    Timer[] byStatus = TIMERS.computeIfAbsent(operation, o -> new Timer[600]);
    int slot = status >= 0 && status < byStatus.length ? status : 0;
    Timer timer = byStatus[slot];
    if (timer == null) {
      timer = Timer.builder("wireless.http.requests")
          .description("API requests by operationId and status")
          .tag("operation", operation)
          .tag("status", Integer.toString(status))
          .publishPercentileHistogram()
          .register(Telemetry.registry()); // registering twice returns the same timer
      byStatus[slot] = timer;
    }
    return timer;
  }

  private void finished(RoutingContext ctx, String requestId, long nanos) {
    String operation = ctx.get(OPERATION_KEY, "none");
    int status = ctx.response().getStatusCode();
    timer(operation, status).record(nanos, TimeUnit.NANOSECONDS);
    if (!ACCESS.isInfoEnabled()) {
      return;
    }
    String account = ctx.get(ACCOUNT_KEY, "-");
    double millis = nanos / 1_000_000.0;
    if (json) {
      AccessLog.write(new JsonObject().put("time", Instant.now().toString()).put("level", "INFO")
          .put("logger", "wireless.access").put("request_id", requestId)
          .put("account_sid", account).put("operation", operation).put("method", ctx.request().method().name())
          .put("path", ctx.request().path()).put("status", status).put("duration_ms", millis).encode());
    } else {
      // built by hand: String.format cost more than the rest of the log line's work together
      StringBuilder line = new StringBuilder(256).append(Instant.now()).append(" INFO wireless.access request_id=")
          .append(requestId).append(" account_sid=").append(account).append(" operation=").append(operation)
          .append(" method=").append(ctx.request().method().name()).append(" path=").append(ctx.request().path())
          .append(" status=").append(status).append(" duration_ms=");
      appendMillis(line, nanos);
      AccessLog.write(line.toString());
    }
  }

  /** Milliseconds with two decimals, as {@code %.2f} would print them. */
  static void appendMillis(StringBuilder line, long nanos) {
    long hundredths = (nanos + 5_000) / 10_000;
    line.append(hundredths / 100).append('.');
    long fraction = hundredths % 100;
    if (fraction < 10) {
      line.append('0');
    }
    line.append(fraction);
  }
}
