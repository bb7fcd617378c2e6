package dev.wireless.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for browser apps (the Fetch standard's CORS protocol), as both upstream
 * contracts declare it. A root handler (a security-policy handler, which Vert.x runs before the body
 * handler, as it does its own {@code CorsHandler}), so it runs before authentication and validation: it
 * answers preflights itself (204, never authenticated) and puts {@code Access-Control-Allow-Origin}
 * and {@code Access-Control-Expose-Headers} on every other response, errors included.
 *
 * <p>Any origin is allowed unless {@code WIRELESS_CORS_ORIGINS} lists some: credentials travel in
 * the {@code Authorization} header, never in cookies, so {@code *} exposes nothing a page could not
 * send anyway, and {@code Access-Control-Allow-Credentials} is never sent. With a list, a listed
 * origin is echoed back, any other gets no CORS headers (the browser then blocks the response),
 * and every response carries {@code Vary: Origin} so that caches keep the answers apart.
 */
public final class CorsPolicy implements SecurityPolicyHandler {

  static final String ALLOW_METHODS = "GET, POST, PATCH, DELETE, OPTIONS";
  static final String ALLOW_HEADERS = "Authorization, Content-Type, Accept, Idempotency-Key, X-Request-Id";
  static final String EXPOSE_HEADERS = "X-Request-Id, Idempotent-Replayed, Retry-After, Location, Allow, "
      + "WWW-Authenticate";
  /** How long a browser may reuse a preflight answer (Chromium caps it at two hours). */
  static final String MAX_AGE_SECONDS = "7200";

  private final Set<String> origins;

  private CorsPolicy(Set<String> origins) {
    this.origins = origins;
  }

  /** {@code origins} as {@code scheme://host[:port]}, lowercase; empty allows any origin. */
  public static CorsPolicy allowing(List<String> origins) {
    return new CorsPolicy(Set.copyOf(origins));
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpServerResponse response = ctx.response();
    String origin = request.getHeader("Origin");
    String allowed = allowedOrigin(origin);
    if (!origins.isEmpty() && !response.headers().contains("Vary", "Origin", true)) {
      response.headers().add("Vary", "Origin");
    }
    if (allowed != null) {
      response.putHeader("Access-Control-Allow-Origin", allowed)
          .putHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
    if (request.method() == HttpMethod.OPTIONS && origin != null
        && request.getHeader("Access-Control-Request-Method") != null) {
      if (allowed != null) {
        response.putHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
            .putHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
            .putHeader("Access-Control-Max-Age", MAX_AGE_SECONDS);
      }
      response.setStatusCode(204).end();
      return;
    }
    ctx.next();
  }

  /** {@code *}, the request's origin when it is listed, or null when it may not read the response. */
  private String allowedOrigin(String origin) {
    if (origins.isEmpty()) {
      return "*";
    }
    return origin != null && origins.contains(origin.toLowerCase(java.util.Locale.ROOT)) ? origin : null;
  }
}
