package dev.wireless.server.ops;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web console at {@code /console}: static HTML, CSS and ES modules from {@code console/} on the
 * classpath, and uPlot from its WebJar. It is a client of the public API only, served from the same
 * origin so that it needs no CORS and no cookie.
 *
 * <p>Every console response carries its own security headers, set when the headers are written so
 * that they win over any general header hook: a Content-Security-Policy that allows nothing but
 * this origin (no inline script or style, no framing), {@code X-Frame-Options: DENY} for older
 * browsers, and a cache policy — the shell and its modules are revalidated on every load (a new
 * server version takes effect at once), the versioned third-party files are immutable.
 */
public final class ConsoleRoutes {

  /** Only this origin, no inline code, no framing, no plugins, forms post only here. */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
      + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";

  private static final String SHELL = "console/index.html";
  private static final String NO_CACHE = "no-cache";
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";

  private ConsoleRoutes() {
  }

  public static void mount(Router router) {
    StaticHandler assets = StaticHandler.create("console/assets").setCachingEnabled(false)
        .setDirectoryListing(false).setDefaultContentEncoding("UTF-8");
    // the WebJar path carries the version, so a file under it never changes
    StaticHandler vendor = StaticHandler.create("META-INF/resources/webjars/uplot").setCachingEnabled(false)
        .setDirectoryListing(false);
    router.get("/console").handler(ConsoleRoutes::shell);
    router.get("/console/").handler(ConsoleRoutes::shell);
    router.get("/console/assets/*").handler(ctx -> {
      secured(ctx, NO_CACHE);
      ctx.next();
    }).handler(assets);
    router.get("/console/vendor/uplot/*").handler(ctx -> {
      secured(ctx, IMMUTABLE);
      ctx.next();
    }).handler(vendor);
  }

  private static void shell(RoutingContext ctx) {
    secured(ctx, NO_CACHE);
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile(SHELL);
  }

  /** Sets the console's headers at the moment the response's headers are written. */
  private static void secured(RoutingContext ctx, String cacheControl) {
    ctx.addHeadersEndHandler(v -> {
      HttpServerResponse response = ctx.response();
      response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
          .putHeader("X-Frame-Options", "DENY")
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("Cache-Control", cacheControl);
    });
  }
}
