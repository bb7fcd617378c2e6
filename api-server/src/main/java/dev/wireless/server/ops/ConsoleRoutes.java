package dev.wireless.server.ops;

import dev.wireless.server.http.SecurityHeaders;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web console at {@code /console}: static HTML, CSS and ES modules from {@code console/} on the
 * classpath, and uPlot from its WebJar. It is a client of the public API only, served from the same
 * origin so that it needs no CORS and no cookie.
 *
 * <p>Console responses carry the API's security headers with the console's own policy in place of
 * the API's, through the page hook {@link SecurityHeaders#page}: a Content-Security-Policy that
 * allows nothing but this origin (no inline script or style, no framing), no referrer, and a cache
 * policy — the shell and its modules are revalidated on every load (a new server version takes
 * effect at once), the versioned third-party files are immutable.
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
    Handler<RoutingContext> revalidated = headers(NO_CACHE);
    router.get("/console").handler(revalidated).handler(ConsoleRoutes::shell);
    router.get("/console/").handler(revalidated).handler(ConsoleRoutes::shell);
    router.get("/console/assets/*").handler(revalidated).handler(assets);
    router.get("/console/vendor/uplot/*").handler(headers(IMMUTABLE)).handler(vendor);
  }

  private static void shell(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").sendFile(SHELL);
  }

  /** The console's policy and {@code cacheControl} in place of the API's, and no referrer. */
  private static Handler<RoutingContext> headers(String cacheControl) {
    Handler<RoutingContext> page = SecurityHeaders.page(CONTENT_SECURITY_POLICY, cacheControl);
    return ctx -> {
      ctx.response().putHeader("Referrer-Policy", "no-referrer");
      page.handle(ctx);
    };
  }
}
