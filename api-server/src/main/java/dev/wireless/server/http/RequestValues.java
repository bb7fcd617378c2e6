package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an operation's parameters from the request exactly as the client sent them, each value
 * percent-decoded exactly once: query values from the raw query string ({@code +} is a space, as in
 * every form encoding), path values from the raw path ({@code +} is itself there), header values
 * as they are. Vert.x OpenAPI 5.0 decodes the already-decoded query values a second time, so
 * {@code %2B} arrived as a space and {@code %25} was refused. The body is the one the request's
 * body reader kept.
 */
final class RequestValues implements RequestExtractor {

  @Override
  public Future<ValidatableRequest> extractValidatableRequest(RoutingContext ctx, Operation operation) {
    HttpServerRequest request = ctx.request();
    Map<String, List<String>> rawQuery = splitQuery(request.query());
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> path = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    String[] segments = ctx.normalizedPath().substring(1).split("/", -1);
    for (Parameter parameter : operation.getParameters()) {
      String name = parameter.getName();
      switch (parameter.getIn()) {
        case COOKIE -> {
          Cookie cookie = request.getCookie(name);
          cookies.put(name, cookie == null ? ParameterValue.ABSENT : new ParameterValue(cookie.getValue()));
        }
        case HEADER -> headers.put(name, new ParameterValue(request.getHeader(name)));
        case PATH -> {
          int segment = segmentOf(operation.getAbsoluteOpenAPIPath(), name);
          path.put(name, segment < segments.length
              ? new ParameterValue(decodePathSegment(name, segments[segment])) : ParameterValue.ABSENT);
        }
        case QUERY -> query.put(name, queryValue(parameter, rawQuery.get(name)));
      }
    }
    if (operation.getRequestBody() == null) {
      return Future.succeededFuture(new ContractRequest(cookies, headers, path, query, null, null));
    }
    Buffer body = ctx.body().buffer();
    return Future.succeededFuture(new ContractRequest(cookies, headers, path, query,
        new ParameterValue(body), request.getHeader(HttpHeaders.CONTENT_TYPE)));
  }

  /** The raw (still encoded) values of each name in {@code query}; a pair whose name cannot be decoded is dropped. */
  private static Map<String, List<String>> splitQuery(String query) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return values;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(eq < 0 ? "" : pair.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        // a name that is not valid percent-encoding names no parameter of the contract: ignored like any unknown one
      }
    }
    return values;
  }

  /**
   * The value as Vert.x OpenAPI's transformers expect it: the first value of a single-valued
   * parameter, {@code Name=v1&Name=v2} for an exploded array, each value decoded once.
   */
  private static RequestParameter queryValue(Parameter parameter, List<String> raw) {
    if (raw == null || raw.isEmpty()) {
      return ParameterValue.ABSENT;
    }
    String name = parameter.getName();
    if (parameter.getSchemaType() == SchemaType.ARRAY && parameter.isExplode()) {
      List<String> pairs = new ArrayList<>();
      raw.forEach(value -> pairs.add(name + "=" + decodeQueryComponent(name, value)));
      return new ParameterValue(String.join("&", pairs));
    }
    return new ParameterValue(decodeQueryComponent(name, raw.get(0)));
  }

  /** One percent-decoding of a query component, {@code +} being a space. */
  static String decodeQueryComponent(String name, String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("Invalid value for " + name + ": not valid percent-encoding");
    }
  }

  /** One percent-decoding of a path segment, where {@code +} stands for itself. */
  static String decodePathSegment(String name, String raw) {
    return decodeQueryComponent(name, raw.replace("+", "%2B"));
  }

  /** Which segment of the path (after the leading slash) holds {@code {name}} in {@code template}. */
  private static int segmentOf(String template, String name) {
    String[] parts = template.substring(1).split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("{" + name + "}")) {
        return i;
      }
    }
    throw new IllegalStateException("path parameter " + name + " is not a whole segment of " + template);
  }
}
