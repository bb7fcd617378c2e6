package dev.wireless.server.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.impl.ValidatedRequestImpl;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Validates a request against its operation on the event loop. The router's own validation step
 * hands every request to an <em>ordered</em> {@code executeBlocking}, so all requests of one event
 * loop queue up behind each other on a worker thread and pay two thread hops; the checks
 * themselves are short and non-blocking (schema validators are cached by {@link CachingContract}),
 * so running them inline is both faster and fairer. The per-parameter and body checks are Vert.x
 * OpenAPI's own; only the scheduling differs. The result goes where the router's step puts it.
 */
final class InlineValidation {

  private final RequestValidatorImpl checks;
  private final RequestExtractor extractor;
  private final JsonObject document;
  private final Map<Parameter, SimpleParameterCheck> simple = new IdentityHashMap<>();
  private final CallbackUrlGuard callbackUrls;

  /**
   * @param document     the contract as validated (to resolve parameter schemas for the shortcuts)
   * @param callbackUrls refuses URL parameters the platform must not call, once the body is valid
   */
  InlineValidation(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor, JsonObject document,
                   CallbackUrlGuard callbackUrls) {
    this.checks = new RequestValidatorImpl(vertx, contract);
    this.extractor = extractor;
    this.document = document;
    this.callbackUrls = callbackUrls;
  }

  /** Call while the router is built (one thread): compiles the operation's parameter shortcuts. */
  Handler<RoutingContext> forOperation(Operation operation) {
    for (Parameter parameter : operation.getParameters()) {
      SimpleParameterCheck check = SimpleParameterCheck.of(parameter, document);
      if (check != null) {
        simple.put(parameter, check);
      }
    }
    String operationId = operation.getOperationId();
    boolean takesUrls = !callbackUrls.urlParameters(operationId).isEmpty();
    return ctx -> extractor.extractValidatableRequest(ctx, operation)
        .map(request -> {
          ValidatedRequest validated = validate(request, operation);
          if (takesUrls) {
            callbackUrls.check(operationId, validated);
          }
          return validated;
        })
        .onSuccess(validated -> {
          ctx.put(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST, validated);
          ctx.next();
        })
        .onFailure(e -> ctx.fail(e instanceof ValidatorException
            ? new HttpException(400, e.getMessage(), e) : e));
  }

  private ValidatedRequest validate(ValidatableRequest request, Operation operation) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case COOKIE -> cookies.put(name, parameter(parameter, request.getCookies().get(name)));
        case HEADER -> headers.put(name, parameter(parameter, request.getHeaders().get(name)));
        case PATH -> path.put(name, parameter(parameter, request.getPathParameters().get(name)));
        case QUERY -> query.put(name, parameter(parameter, request.getQuery().get(name)));
      }
    }
    return new ValidatedRequestImpl(cookies, headers, path, query,
        checks.validateBody(operation.getRequestBody(), request));
  }

  /** The shortcut's answer when it is certain, otherwise the full validator's. */
  private RequestParameter parameter(Parameter parameter, RequestParameter value) {
    SimpleParameterCheck check = simple.get(parameter);
    if (check != null && value != null && !value.isNull()) {
      Object valid = check.validate(String.valueOf(value.get()));
      if (valid != SimpleParameterCheck.UNDECIDED) {
        return new RequestParameterImpl(valid);
      }
    }
    return checks.validateParameter(parameter, value);
  }
}
