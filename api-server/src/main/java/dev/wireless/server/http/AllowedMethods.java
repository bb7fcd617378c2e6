package dev.wireless.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Answers 405 with the {@code Allow} header RFC 9110 requires: the methods the router serves on the
 * requested path (contract operations and the platform's own routes alike), then the error body
 * from the one {@link ErrorMapper}. Vert.x computes this list only when no 405 handler is set.
 */
final class AllowedMethods implements Handler<RoutingContext> {

  private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z0-9_]+");

  private final Router router;
  private final Handler<RoutingContext> errors;

  AllowedMethods(Router router, Handler<RoutingContext> errors) {
    this.router = router;
    this.errors = errors;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Set<String> allowed = allowedOn(ctx.normalizedPath());
    if (!allowed.isEmpty()) {
      ctx.response().putHeader("Allow", String.join(", ", allowed));
    }
    errors.handle(ctx);
  }

  /** The methods of every route whose path matches {@code path}, by name. */
  Set<String> allowedOn(String path) {
    Set<String> methods = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String template = route.getPath();
      if (template == null || route.methods() == null || route.methods().isEmpty()) {
        continue;
      }
      if (matches(template, path)) {
        route.methods().stream().map(HttpMethod::name).forEach(methods::add);
      }
    }
    return methods;
  }

  private static boolean matches(String template, String path) {
    if (template.endsWith("/") && path.startsWith(template)) {
      return true; // a prefix route such as "/docs/assets/*"
    }
    StringBuilder regex = new StringBuilder();
    int at = 0;
    var parameter = PARAMETER.matcher(template);
    while (parameter.find()) {
      regex.append(Pattern.quote(template.substring(at, parameter.start()))).append("[^/]+");
      at = parameter.end();
    }
    regex.append(Pattern.quote(template.substring(at))).append("/?");
    return path.matches(regex.toString());
  }
}
