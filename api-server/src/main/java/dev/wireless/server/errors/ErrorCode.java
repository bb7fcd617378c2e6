package dev.wireless.server.errors;

/**
 * Every error code the platform answers with, its HTTP status and a default message. The codes
 * are the public API's: 20xxx generic, 33xxx wireless. An error body is always built from one of
 * these, so a code and its status never drift apart.
 */
public enum ErrorCode {
  UNAUTHENTICATED(20003, 401, "Authenticate: missing or invalid credentials"),
  METHOD_NOT_ALLOWED(20004, 405, "Method not allowed"),
  PAGE_SIZE_TOO_LARGE(20007, 400, "PageSize must be at most 1000"),
  MALFORMED_REQUEST(20400, 400, "The HTTP request is malformed"),
  NOT_FOUND(20404, 404, "The requested resource was not found"),
  CONFLICT(20409, 409, "The request conflicts with the resource's current state"),
  PAYLOAD_TOO_LARGE(20413, 413, "The request body is too large"),
  URI_TOO_LONG(20414, 414, "The request URI is too long"),
  HEADERS_TOO_LARGE(20431, 431, "The request headers are too large"),
  IDEMPOTENCY_KEY_REUSED(20422, 422, "This Idempotency-Key was already used with a different request"),
  UNSUPPORTED_MEDIA_TYPE(20415, 415, "The request body must be application/x-www-form-urlencoded"),
  TOO_MANY_REQUESTS(20429, 429, "Too many requests"),
  INTERNAL_ERROR(20500, 500, "An internal error occurred"),
  NOT_IMPLEMENTED(20501, 501, "This operation is not available yet"),
  SERVICE_UNAVAILABLE(20503, 503, "The service is temporarily unavailable"),
  OUTCOME_UNKNOWN(20504, 503, "The outcome of the request is unknown; retry with the same Idempotency-Key"),
  INVALID_CALLBACK_URL(21502, 400, "Invalid callback URL"),
  GENERIC_WIRELESS_ERROR(33000, 503, "Generic error"),
  CONFLICTING_UPDATE(33010, 409, "Another update of this resource is in progress"),
  INVALID_PARAMETER(33101, 400, "Invalid parameter value"),
  MISSING_PARAMETER(33102, 400, "A required parameter is missing"),
  INVALID_PAGING(33103, 400, "Paging information invalid"),
  CONFIGURATION_INCOMPLETE(33104, 400, "Configuration incomplete"),
  TRANSITION_INVALID(33105, 400, "The requested status transition is not allowed"),
  SIM_NOT_FOUND(33107, 404, "SIM not found"),
  RATE_PLAN_NOT_FOUND(33108, 404, "Rate Plan not found"),
  COMMAND_TOO_LONG(33111, 400, "Command exceeded max length"),
  TOO_MANY_COMMANDS(33118, 409, "Too many Commands are queued for this SIM"),
  RESET_NOT_ALLOWED(33119, 400, "SIM connectivity reset not allowed"),
  RESET_IN_PROGRESS(33120, 409, "SIM connectivity reset in progress"),
  INVALID_PARAMETER_COMBINATION(33121, 400, "Invalid parameter combination"),
  RATE_PLAN_NOT_ALLOWED(33122, 400, "Rate Plan Is Not Allowed"),
  RATE_PLAN_IN_USE(33130, 409, "The Rate Plan is still assigned to SIMs"),
  SIM_CONNECTED(33131, 409, "The SIM may be connected to the network and cannot be deleted"),
  NOT_PERMITTED(33201, 403, "The requested operation is not permitted"),
  MESSAGING_NOT_ALLOWED(33203, 403, "Messaging not allowed");

  private final int code;
  private final int httpStatus;
  private final String defaultMessage;

  ErrorCode(int code, int httpStatus, String defaultMessage) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The constant with this public code (a refusal reported as a bare code, e.g. by the network path). */
  public static ErrorCode forCode(int code) {
    for (ErrorCode candidate : values()) {
      if (candidate.code == code) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("no error code " + code);
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String defaultMessage() {
    return defaultMessage;
  }
}
