package dev.wireless.server.ops;

import dev.wireless.server.errors.ErrorDictionary;
import static dev.wireless.persistence.SqlExecutor.SQL;

import dev.wireless.persistence.SqlExecutor;
import dev.wireless.server.http.ContractDocument;
import dev.wireless.server.http.SecurityHeaders;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What operators and developers reach without an account: liveness and readiness for load
 * balancers, Prometheus metrics, the served contract, the API reference page and the error
 * dictionary.
 */
public final class OpsRoutes {

  /** How long a refused write keeps readiness at 503. */
  static final java.time.Duration WRITE_REFUSAL_WINDOW = java.time.Duration.ofSeconds(10);

  private static final String REDOC = "META-INF/resources/webjars/redoc/2.1.5";

  /**
   * The reference pages' policy: Redoc's script and the contract from this server only, the inline
   * styles Redoc (and each error page) writes, images and fonts it inlines as data URIs, and the
   * search worker it starts from a blob; nothing else, and never inside a frame.
   */
  public static final String DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private OpsRoutes() {
  }

  /** Health and metrics: for load balancers and Prometheus. */
  public static void mountOperator(Router router, Pool pool) {
    mountOperator(router, pool, () -> true, () -> false);
  }

  /**
   * As above; {@code live} false (e.g. the embedded database died and could not be started
   * again) makes {@code /health/live} answer 503, so the process supervisor restarts the node.
   * Readiness answers 503 ("draining") as soon as {@code draining} says the node is shutting down,
   * so load balancers stop sending it requests; 503 too while the database does not answer, and for
   * {@link #WRITE_REFUSAL_WINDOW} after it refused a write (disk full, read-only…), although it
   * still answers reads.
   */
  public static void mountOperator(Router router, Pool pool, java.util.function.BooleanSupplier live,
                                   java.util.function.BooleanSupplier draining) {
    router.get("/health/live").handler(ctx -> {
      if (live.getAsBoolean()) {
        respondJson(ctx, 200, new JsonObject().put("status", "up"));
      } else {
        respondJson(ctx, 503, new JsonObject().put("status", "down").put("reason", "the embedded database is gone"));
      }
    });
    router.get("/health/ready").handler(ctx -> {
      if (draining.getAsBoolean()) {
        respondJson(ctx, 503, new JsonObject().put("status", "draining").put("reason", "shutting down"));
        return;
      }
      SqlExecutor.execute(pool, SQL.selectOne())
          .timeout(2, java.util.concurrent.TimeUnit.SECONDS)
          .onSuccess(rows -> {
            var refused = dev.wireless.persistence.WriteRefusals.within(WRITE_REFUSAL_WINDOW);
            if (refused.isPresent()) {
              respondJson(ctx, 503, new JsonObject().put("status", "unavailable")
                  .put("reason", "database refuses writes (SQLSTATE " + refused.get().sqlState() + ")"));
            } else {
              respondJson(ctx, 200, new JsonObject().put("status", "ready"));
            }
          })
          .onFailure(e -> respondJson(ctx, 503, new JsonObject().put("status", "unavailable")
              .put("reason", "database unreachable")));
    });
    router.get("/metrics").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(Telemetry.registry().scrape()));
  }

  /** The contract, the API reference and the error dictionary: for API consumers. */
  public static void mountDocs(Router router) {
    // read on first use, not at start: parsing the contract again would delay the server's readiness
    Supplier<String> yaml = once(ContractDocument::text);
    Supplier<String> json = once(() -> ContractDocument.load().encodePrettily());
    Supplier<ErrorDictionary> dictionary = once(ErrorDictionary::load);

    router.get("/v1/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml.get()));
    router.get("/v1/openapi.json").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/json").end(json.get()));
    // public like the API's contract: it describes routes that all take the operator token, no secret
    Supplier<String> operatorYaml = once(ContractDocument::operatorText);
    router.get("/operator/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(operatorYaml.get()));

    Handler<RoutingContext> pages = SecurityHeaders.page(DOCS_CSP, "no-cache");
    router.get("/docs").handler(pages).handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
        .end(referencePage()));
    router.get("/docs/assets/*").handler(SecurityHeaders.staticAssets())
        .handler(StaticHandler.create(REDOC).setCachingEnabled(true));
    router.get("/docs/errors.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(dictionary.get().all().encodePrettily()));
    router.get("/docs/errors/:code").handler(pages).handler(ctx -> {
      ErrorDictionary errors = dictionary.get();
      String code = ctx.pathParam("code");
      var entry = code.matches("\\d{5}") ? errors.find(Integer.parseInt(code)) : java.util.Optional.<JsonObject>empty();
      if (entry.isEmpty()) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(ErrorDictionary.page(entry.get()));
    });
  }

  /** {@code value}, computed at the first call (by whichever thread comes first) and kept. */
  private static <T> Supplier<T> once(Supplier<T> value) {
    AtomicReference<T> kept = new AtomicReference<>();
    return () -> {
      T v = kept.get();
      if (v == null) {
        v = value.get();
        kept.compareAndSet(null, v);
      }
      return kept.get();
    };
  }

  private static void respondJson(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static String referencePage() {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Programmable Wireless API</title>"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
        + "<redoc spec-url=\"/v1/openapi.json\"></redoc>"
        + "<script src=\"/docs/assets/redoc.standalone.js\"></script></body></html>";
  }
}
