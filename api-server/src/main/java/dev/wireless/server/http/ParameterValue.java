package dev.wireless.server.http;

import io.vertx.openapi.validation.RequestParameter;

/**
 * One request value as Vert.x OpenAPI's public {@link RequestParameter} interface describes it
 * (every accessor is a default method over {@link #get}), so the request built for the validator
 * needs no class of the library's {@code impl} package. A null value is an absent parameter.
 */
record ParameterValue(Object value) implements RequestParameter {

  /** An absent parameter (or body). */
  static final ParameterValue ABSENT = new ParameterValue(null);

  @Override
  public Object get() {
    return value;
  }
}
