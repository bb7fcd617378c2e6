package dev.wireless.server.errors;

import java.util.Map;

/**
 * A refusal the client caused or may retry: carries the public error code, the HTTP status (the
 * code's own unless overridden, e.g. a duplicate name answered 409 with 33101) and a message that
 * is safe to show. Services throw or fail futures with it; {@code http.ErrorMapper} renders it.
 */
public final class ApiException extends RuntimeException {

  private final ErrorCode code;
  private final int status;
  private final Map<String, String> headers;
  private final OAuthError oauthError;

  private ApiException(ErrorCode code, int status, String message, Map<String, String> headers) {
    this(code, status, message, headers, null);
  }

  private ApiException(ErrorCode code, int status, String message, Map<String, String> headers, OAuthError oauthError) {
    super(message, null, false, false);
    this.code = code;
    this.status = status;
    this.headers = headers;
    this.oauthError = oauthError;
  }

  public static ApiException of(ErrorCode code) {
    return new ApiException(code, code.httpStatus(), code.defaultMessage(), Map.of());
  }

  public static ApiException of(ErrorCode code, String message) {
    return new ApiException(code, code.httpStatus(), message, Map.of());
  }

  /** The same code answered with another HTTP status. */
  public static ApiException withStatus(ErrorCode code, int status, String message) {
    return new ApiException(code, status, message, Map.of());
  }

  /** Adds response headers (e.g. WWW-Authenticate, Retry-After). */
  public ApiException withHeaders(Map<String, String> extra) {
    return new ApiException(code, status, getMessage(), Map.copyOf(extra), oauthError);
  }

  /** A token endpoint's refusal, answered as {@code {error, error_description}} (RFC 6749 §5.2). */
  public static ApiException oauth(OAuthError error, String description) {
    return new ApiException(error.code(), error.status(), description, Map.of(), error);
  }

  public static ApiException notFound(String path) {
    return of(ErrorCode.NOT_FOUND, "The requested resource " + path + " was not found");
  }

  public static ApiException invalid(String message) {
    return of(ErrorCode.INVALID_PARAMETER, message);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  /** The OAuth error this is, or null for the platform's own error body. */
  public OAuthError oauthError() {
    return oauthError;
  }
}
