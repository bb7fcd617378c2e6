package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.idempotency.IdempotentRequests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.function.Consumer;

/**
 * Builds the HTTP router from wireless.yaml and operator.yaml ({@link OperatorContract}): the
 * contract is the router. Routes are bound by
 * operationId only, every request is authenticated and validated before any resource code runs,
 * and every failure ends in the one {@link ErrorMapper}.
 */
public final class ApiRouter {

  private static final int[] ERROR_STATUSES = {400, 401, 403, 404, 405, 409, 413, 415, 429, 500, 501, 503};

  private ApiRouter() {
  }

  /** wireless.yaml and operator.yaml read and resolved, as the router validates with them. */
  public record LoadedContract(JsonObject document, FormBodyAdapter forms, PublicOperations publicOperations,
                               OpenAPIContract contract) {
  }

  /**
   * Reads and resolves the contract. It needs no database, so the server does this while the
   * database starts and migrates (about a second of YAML, schema resolution and class loading).
   */
  public static Future<LoadedContract> loadContract(Vertx vertx) {
    JsonObject document = document();
    FormBodyAdapter forms = new FormBodyAdapter(document);
    PublicOperations publicOperations = new PublicOperations(document);
    return OpenAPIContract.from(vertx, forms.contract()).map(CachingContract::wrap)
        .map(contract -> new LoadedContract(document, forms, publicOperations, contract));
  }

  /**
   * @param loaded       the contract ({@link #loadContract})
   * @param baseUrl      public base URL (scheme, host, port) used in every {@code url} and error link
   * @param bodyLimit    the largest accepted request body in bytes; larger ones get 413
   * @param operator     authenticates the operator's token on the operations of operator.yaml
   * @param rateLimiter  requests per account
   * @param idempotency  remembers replies to POSTs carrying an {@code Idempotency-Key}
   * @param cors         cross-origin access for browser apps (answers preflights before any authentication)
   * @param security     the throttle of failed authentications and the callback URL policy
   * @param telemetry    the first handler of every request (request id, latency timers, access log); a hook
   *                     the caller supplies, so the HTTP layer does not depend on the operations package
   * @param bindings     registers the resources with the generated binders
   */
  public static Router create(Vertx vertx, LoadedContract loaded, String baseUrl, long bodyLimit,
                              Authenticator authenticator, Authenticator operator, RateLimiter rateLimiter,
                              IdempotentRequests idempotency,
                              CorsPolicy cors, HttpSecurity security, Handler<RoutingContext> telemetry,
                              Consumer<OperationBinder> bindings) {
    OpenAPIContract contract = loaded.contract();
    JsonObject document = loaded.document();
    ContractRequestExtractor extractor = new ContractRequestExtractor(loaded.forms(), loaded.publicOperations(),
        authenticator, operator, rateLimiter, security.authFailures());
    RouterBuilder builder = RouterBuilder.create(vertx, contract, extractor);
    builder.rootHandler(telemetry);
    builder.rootHandler(cors);
    builder.rootHandler(new RequestBodyReader(bodyLimit, largerBodyLimits(document, bodyLimit)));
    builder.rootHandler(ApiRouter::checkUri);
    OperationBinder binder = new OperationBinder(builder, baseUrl, idempotency,
        new InlineValidation(vertx, contract, extractor, document,
            new CallbackUrlGuard(document, security.callbackAddresses())));
    bindings.accept(binder);
    binder.answerUnboundWithNotImplemented();
    Router router = builder.createRouter();
    ErrorMapper errors = new ErrorMapper(baseUrl);
    router.route().failureHandler(errors);
    for (int status : ERROR_STATUSES) {
      router.errorHandler(status, errors);
    }
    router.errorHandler(405, new AllowedMethods(router, errors));
    return router;
  }

  /**
   * The contract exactly as the router validates with it (form bodies declared as JSON, security
   * handled by the platform), e.g. to validate responses against it in contract tests.
   */
  public static Future<OpenAPIContract> validationContract(Vertx vertx) {
    JsonObject document = document();
    new FormBodyAdapter(document);
    new PublicOperations(document);
    return OpenAPIContract.from(vertx, document);
  }

  /** Both contracts as one document (see {@link OperatorContract}). */
  private static JsonObject document() {
    return OperatorContract.mergeInto(ContractDocument.load(), ContractDocument.loadOperator());
  }

  /**
   * The body limits of operations that declare {@code x-max-body-bytes} larger than the server's
   * (a batch of network events), by path; a path with parameters cannot have one.
   */
  private static java.util.Map<String, Long> largerBodyLimits(JsonObject document, long bodyLimit) {
    java.util.Map<String, Long> limits = new java.util.HashMap<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      if (!(paths.getValue(path) instanceof JsonObject item)) {
        continue; // the schema repository's own annotations
      }
      for (Object operation : item.getMap().values()) {
        Object declared = operation instanceof JsonObject object ? object.getValue("x-max-body-bytes") : null;
        if (declared instanceof Number limit && limit.longValue() > bodyLimit) {
          if (path.contains("{")) {
            throw new IllegalStateException("x-max-body-bytes on " + path + ": only paths without parameters");
          }
          limits.put(path, limit.longValue());
        }
      }
    }
    return limits;
  }

  /**
   * The longest request URI the API accepts. The HTTP decoder reads request lines far longer (see
   * {@link #MAX_REQUEST_LINE}) so that an over-long URI is refused here, as a normal 414 on a
   * connection that stays usable, rather than by the decoder, which must drop the connection while
   * the client may still be sending — and a client can then lose the answer to a reset.
   */
  public static final int MAX_URI_LENGTH = 8 * 1024;
  /** What the HTTP decoder reads of a request line before it gives up (and answers 414 itself). */
  public static final int MAX_REQUEST_LINE = 256 * 1024;

  /**
   * Refuses over-long URIs, and serves {@code /v1/RatePlans.json} as the same resource as
   * {@code /v1/RatePlans}, as upstream (one handler: each root handler costs a pass of the router).
   */
  private static void checkUri(RoutingContext ctx) {
    if (ctx.request().uri().length() > MAX_URI_LENGTH) {
      ctx.fail(ApiException.of(ErrorCode.URI_TOO_LONG, "The request URI is longer than " + MAX_URI_LENGTH
          + " characters"));
      return;
    }
    String path = ctx.request().path();
    if (path != null && path.startsWith("/v1/") && path.endsWith(".json") && !path.equals("/v1/openapi.json")) {
      String query = ctx.request().query();
      ctx.reroute(path.substring(0, path.length() - ".json".length()) + (query == null ? "" : "?" + query));
    } else {
      ctx.next();
    }
  }
}
