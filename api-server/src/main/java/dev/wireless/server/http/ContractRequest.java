package dev.wireless.server.http;

import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.Collections;
import java.util.Map;

/**
 * A request's values by location, before validation (as read by {@link RequestValues}) or after it
 * (as {@link InlineValidation} stores it for the handlers): Vert.x OpenAPI's public
 * {@link ValidatableRequest} and {@link io.vertx.openapi.validation.ValidatedRequest} interfaces,
 * implemented here instead of with the library's {@code impl} classes. The maps are read-only, as
 * the library's own are; a request without a body has an absent (null-valued) body, as there.
 */
record ContractRequest(Map<String, RequestParameter> cookies, Map<String, RequestParameter> headers,
                       Map<String, RequestParameter> path, Map<String, RequestParameter> query,
                       RequestParameter body, String contentType) implements ValidatableRequest {

  ContractRequest {
    cookies = Collections.unmodifiableMap(cookies);
    headers = Collections.unmodifiableMap(headers);
    path = Collections.unmodifiableMap(path);
    query = Collections.unmodifiableMap(query);
    body = body == null ? ParameterValue.ABSENT : body;
  }

  /** The same request with another body (and its content type). */
  ContractRequest withBody(RequestParameter newBody, String newContentType) {
    return new ContractRequest(cookies, headers, path, query, newBody, newContentType);
  }

  @Override
  public Map<String, RequestParameter> getCookies() {
    return cookies;
  }

  @Override
  public Map<String, RequestParameter> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, RequestParameter> getPathParameters() {
    return path;
  }

  @Override
  public Map<String, RequestParameter> getQuery() {
    return query;
  }

  @Override
  public RequestParameter getBody() {
    return body;
  }

  @Override
  public String getContentType() {
    return contentType;
  }
}
