package dev.wireless.server.errors;

import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;

/**
 * The error codes of an OAuth 2.0 token endpoint (RFC 6749 §5.2). OAuth clients read
 * {@code {"error", "error_description"}}, not the platform's {@code {code, message}} body, so an
 * {@link ApiException} built with {@link ApiException#oauth} carries one of these and
 * {@code http.ErrorMapper} renders it in that shape. Operations marked {@code x-oauth-token-endpoint}
 * in wireless.yaml answer every request error this way, and none of their responses is cached.
 */
public enum OAuthError {
  INVALID_REQUEST("invalid_request", 400, ErrorCode.INVALID_PARAMETER),
  INVALID_CLIENT("invalid_client", 401, ErrorCode.UNAUTHENTICATED),
  INVALID_GRANT("invalid_grant", 400, ErrorCode.INVALID_PARAMETER),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400, ErrorCode.INVALID_PARAMETER),
  INVALID_SCOPE("invalid_scope", 400, ErrorCode.INVALID_PARAMETER);

  /** The contract's marker of a token endpoint operation. */
  static final String EXTENSION = "x-oauth-token-endpoint";
  /** Routing-context key set while a token endpoint request is being served. */
  public static final String TOKEN_ENDPOINT_KEY = "wireless.oauthTokenEndpoint";

  private final String wireName;
  private final int status;
  private final ErrorCode code;

  OAuthError(String wireName, int status, ErrorCode code) {
    this.wireName = wireName;
    this.status = status;
    this.code = code;
  }

  /** The {@code error} value on the wire. */
  public String wireName() {
    return wireName;
  }

  int status() {
    return status;
  }

  /** The platform code recorded for the access log and metrics; never shown to OAuth clients. */
  ErrorCode code() {
    return code;
  }

  /**
   * Marks the request as served by a token endpoint when {@code operation} is one: its errors
   * take the OAuth shape and its responses carry {@code Cache-Control: no-store} and
   * {@code Pragma: no-cache} (§5.1), whatever the outcome.
   */
  public static void markIfTokenEndpoint(RoutingContext ctx, Operation operation) {
    if (Boolean.TRUE.equals(operation.getExtensions().get(EXTENSION))) {
      ctx.put(TOKEN_ENDPOINT_KEY, Boolean.TRUE);
      ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
    }
  }

  /**
   * A token endpoint's refusal of a malformed request (a validation failure, a body that is not a
   * form) becomes {@code invalid_request}; errors of the server itself (413, 429, 5xx) keep the
   * platform's body.
   */
  public static ApiException forTokenEndpoint(ApiException error) {
    if (error.oauthError() == null && (error.status() == 400 || error.status() == 415)) {
      return ApiException.oauth(INVALID_REQUEST, error.getMessage());
    }
    return error;
  }

  /** RFC 6749 allows only printable ASCII except {@code "} and {@code \} in error_description. */
  public static String description(String message) {
    StringBuilder safe = new StringBuilder(message.length());
    for (char c : message.toCharArray()) {
      safe.append(c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 || c > 0x7e ? '?' : c);
    }
    return safe.toString();
  }
}
