package dev.wireless.server.http;

import com.fasterxml.jackson.databind.JavaType;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.Map;

/**
 * The validated request of one operation, read by the generated binders: path, query and form
 * values by their contract names, each converted to the declared Java type (a JSON body as a
 * whole). Absent → null.
 */
public final class OperationInput {

  private final ValidatedRequest request;
  private final JsonObject form;

  OperationInput(ValidatedRequest request) {
    this.request = request;
    RequestParameter body = request.getBody();
    this.form = body != null && body.get() instanceof JsonObject object ? object : new JsonObject();
  }

  @SuppressWarnings("unchecked")
  public <T> T path(String name, JavaType type) {
    return (T) fromParameters(request.getPathParameters(), name, type);
  }

  @SuppressWarnings("unchecked")
  public <T> T query(String name, JavaType type) {
    return (T) fromParameters(request.getQuery(), name, type);
  }

  @SuppressWarnings("unchecked")
  public <T> T header(String name, JavaType type) {
    return (T) fromParameters(request.getHeaders(), name, type);
  }

  /**
   * A JSON request body as a whole, as the generated model of its schema (null when there is none);
   * a body the contract leaves untyped ({@code Object}) comes as it was parsed, a JSON object or array.
   */
  @SuppressWarnings("unchecked")
  public <T> T body(String name, JavaType type) {
    RequestParameter body = request.getBody();
    return body == null || body.isNull() ? null : (T) ParamType.convert(name, body.get(), type);
  }

  @SuppressWarnings("unchecked")
  public <T> T form(String name, JavaType type) {
    return (T) ParamType.convert(name, form.getValue(name), type);
  }

  private static Object fromParameters(Map<String, RequestParameter> parameters, String name, JavaType type) {
    RequestParameter parameter = parameters == null ? null : parameters.get(name);
    if (parameter == null || parameter.isNull()) {
      return null;
    }
    return ParamType.convert(name, parameter.get(), type);
  }
}
