package dev.wireless.server.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The response headers every answer of the API port carries, as the OWASP REST Security Cheat
 * Sheet asks: answers hold account data, so nothing may cache them ({@code Cache-Control:
 * no-store}), frame them ({@code Content-Security-Policy: frame-ancestors 'none'},
 * {@code X-Frame-Options: DENY}) or sniff them into another content type
 * ({@code X-Content-Type-Options: nosniff}); over TLS, browsers are told to use HTTPS only
 * ({@code Strict-Transport-Security}). {@code Server} names the product without its version.
 *
 * <p>They are set before routing, as defaults. A route that serves pages instead of API data sets
 * its own policy on top with {@link #page}: it replaces the API's {@code Content-Security-Policy}
 * and {@code Cache-Control} (the other headers stay). Static files, which Vert.x's static handler
 * gives a long cache only when no {@code Cache-Control} is set yet, are mounted behind
 * {@link #staticAssets}.
 */
public final class SecurityHeaders {

  /** The API's policy: JSON needs no sources, only protection from being framed. */
  public static final String API_CSP = "frame-ancestors 'none'";

  private static final CharSequence SERVER = HttpHeaders.createOptimized("Server");
  private static final CharSequence PRODUCT = HttpHeaders.createOptimized("wireless");
  private static final CharSequence CACHE_CONTROL = HttpHeaders.CACHE_CONTROL;
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence API_CSP_VALUE = HttpHeaders.createOptimized(API_CSP);
  private static final CharSequence FRAME_OPTIONS = HttpHeaders.createOptimized("X-Frame-Options");
  private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
  private static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence HSTS = HttpHeaders.createOptimized("Strict-Transport-Security");

  private final CharSequence hsts;

  /** @param hstsMaxAge how long browsers keep to HTTPS after a TLS answer; zero sends no HSTS header */
  public SecurityHeaders(Duration hstsMaxAge) {
    this.hsts = hstsMaxAge.isZero() ? null : HttpHeaders.createOptimized("max-age=" + hstsMaxAge.toSeconds());
  }

  /** Puts the API's headers on the response to {@code request} (call first, before any handler). */
  public void apply(HttpServerRequest request) {
    MultiMap headers = request.response().headers();
    headers.set(SERVER, PRODUCT);
    headers.set(CACHE_CONTROL, NO_STORE);
    headers.set(CSP, API_CSP_VALUE);
    headers.set(FRAME_OPTIONS, DENY);
    headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
    if (hsts != null && request.isSSL()) {
      headers.set(HSTS, hsts);
    }
  }

  /**
   * The hook for routes that serve pages (the API reference, a console): mount it on their paths
   * before their handlers, e.g. {@code router.route("/console/*").handler(SecurityHeaders.page(csp,
   * "no-cache"))}; it replaces the API's CSP and {@code Cache-Control} and passes the request on.
   */
  public static Handler<RoutingContext> page(String contentSecurityPolicy, String cacheControl) {
    return page(HttpHeaders.createOptimized(contentSecurityPolicy), HttpHeaders.createOptimized(cacheControl));
  }

  /**
   * For static files: removes the API's {@code no-store}, so that the static handler behind it
   * sets its own long cache (assets change only with a release, under a versioned path).
   */
  public static Handler<RoutingContext> staticAssets() {
    return ctx -> {
      ctx.response().headers().remove(CACHE_CONTROL);
      ctx.next();
    };
  }

  private static Handler<RoutingContext> page(CharSequence csp, CharSequence caching) {
    return ctx -> {
      ctx.response().headers().set(CSP, csp).set(CACHE_CONTROL, caching);
      ctx.next();
    };
  }
}
