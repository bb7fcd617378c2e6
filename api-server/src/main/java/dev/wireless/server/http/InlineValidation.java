package dev.wireless.server.http;

import dev.wireless.server.common.Timestamps;
import dev.wireless.server.errors.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatedRequest;
import io.vertx.openapi.validation.ValidatorException;
import java.time.DateTimeException;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates a request against its operation on the event loop. The router's own validation step
 * hands every request to an <em>ordered</em> {@code executeBlocking}, so all requests of one event
 * loop queue up behind each other on a worker thread and pay two thread hops; the checks
 * themselves are short and non-blocking (schema validators are cached by {@link CachingContract}),
 * so running them inline is both faster and fairer. The per-parameter and body checks are Vert.x
 * OpenAPI's own; only the scheduling differs. The result goes where the router's step puts it.
 */
final class InlineValidation {

  private static final String JSON = "application/json";

  private final VertxInternals.Checks checks;
  private final RequestExtractor extractor;
  private final JsonObject document;
  private final Map<Parameter, SimpleParameterCheck> simple = new IdentityHashMap<>();
  private final Set<Parameter> dateTimes = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Operation, JsonBodyShapeCheck> bodyShapes = new IdentityHashMap<>();
  private final SchemaRepository schemas;
  private final CallbackUrlGuard callbackUrls;

  /**
   * @param document     the contract as validated (to resolve parameter schemas for the shortcuts)
   * @param callbackUrls refuses URL parameters the platform must not call, once the body is valid
   */
  InlineValidation(Vertx vertx, OpenAPIContract contract, RequestExtractor extractor, JsonObject document,
                   CallbackUrlGuard callbackUrls) {
    this.checks = new VertxInternals.Checks(vertx, contract);
    this.schemas = contract.getSchemaRepository();
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
      if ("date-time".equals(parameter.getSchema().get("format"))) {
        dateTimes.add(parameter);
      }
    }
    JsonBodyShapeCheck bodyShape = bodyShape(operation);
    if (bodyShape != null) {
      bodyShapes.put(operation, bodyShape);
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
    return new ContractRequest(cookies, headers, path, query, body(request, operation), null);
  }

  /** The shape check's answer when it is certain, otherwise the full validator's. */
  private RequestParameter body(ValidatableRequest request, Operation operation) {
    JsonBodyShapeCheck shape = bodyShapes.get(operation);
    String contentType = request.getContentType();
    if (shape != null && contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(JSON)
        && request.getBody() != null && !request.getBody().isNull()) {
      Object valid = shape.validate(request.getBody().getBuffer(null));
      if (valid != JsonBodyShapeCheck.UNDECIDED) {
        return new ParameterValue(valid);
      }
    }
    return checks.body(operation.getRequestBody(), request);
  }

  /** The shortcut for an operation whose only body is JSON of a plain shape (the network feed's batch). */
  private JsonBodyShapeCheck bodyShape(Operation operation) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent().size() != 1
        || operation.getRequestBody().getContent().get(JSON) == null) {
      return null;
    }
    io.vertx.openapi.contract.MediaType media = operation.getRequestBody().getContent().get(JSON);
    JsonObject schema = new JsonObject();
    for (String name : media.getSchema().fieldNames()) {
      schema.put(name, (Object) media.getSchema().get(name));
    }
    return JsonBodyShapeCheck.of(schema, document);
  }

  /**
   * The shortcut's answer when it is certain, otherwise the full validator's. A date-time is first
   * read by {@link Timestamps#parse} (so the shapes client libraries send are accepted) and goes on
   * in its RFC 3339 form; a string is validated as the string it is — Vert.x OpenAPI would first try
   * to read it as JSON, a second decoding that turns {@code "x"} into {@code x} and {@code -1} into a
   * number.
   */
  private RequestParameter parameter(Parameter parameter, RequestParameter value) {
    if (value == null || value.isNull()) {
      return checks.parameter(parameter, value);
    }
    String raw = String.valueOf(value.get());
    if (dateTimes.contains(parameter)) {
      raw = canonicalDateTime(parameter, raw);
    }
    SimpleParameterCheck check = simple.get(parameter);
    if (check != null) {
      Object valid = check.validate(raw);
      if (valid != SimpleParameterCheck.UNDECIDED) {
        return new ParameterValue(valid);
      }
    }
    if (parameter.getSchemaType() == SchemaType.STRING) {
      return validateAsItself(parameter, raw);
    }
    return checks.parameter(parameter, new ParameterValue(raw));
  }

  private static String canonicalDateTime(Parameter parameter, String raw) {
    try {
      return Timestamps.format(Timestamps.parse(raw));
    } catch (DateTimeException e) {
      throw ApiException.invalid("Invalid value for " + parameter.getName()
          + ": not a date-time (e.g. 2015-07-30T20:00:00Z, 2015-07-30T22:00:00+02:00)");
    }
  }

  private RequestParameter validateAsItself(Parameter parameter, String raw) {
    OutputUnit result = schemas.validator(parameter.getSchema()).validate(raw);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException e) {
      throw SchemaValidationException.createErrorFromOutputUnitType(parameter, result, e);
    }
    return new ParameterValue(raw);
  }
}
