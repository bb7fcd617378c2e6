package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a contract-validation failure into the most specific public error: a paging parameter
 * gives 33103 (20007 for a PageSize above the maximum), a missing required value 33102, any other
 * bad value 33101 — each with a message naming the parameter and why it was refused.
 */
final class ValidationFailures {

  /** Vert.x names the parameter only in its message: "... query parameter PageSize ...". */
  private static final Pattern PARAMETER = Pattern.compile("(?:query|path|header|cookie) parameter (\\S+?)(?:[ .]|$)");
  private static final int MAX_MESSAGE = 300;

  private ValidationFailures() {
  }

  static ApiException toApiException(ValidatorException failure) {
    Matcher named = PARAMETER.matcher(String.valueOf(failure.getMessage()));
    if (named.find()) {
      return forParameter(named.group(1), failure);
    }
    if (failure instanceof SchemaValidationException schema) {
      return forBody(schema);
    }
    if (failure.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return ApiException.of(ErrorCode.MISSING_PARAMETER, "The request body is missing");
    }
    if (failure.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT) {
      // only operations with JSON bodies reach this: form bodies are converted before validation
      return ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be application/json");
    }
    return ApiException.invalid(trim(failure.getMessage()));
  }

  private static ApiException forParameter(String name, ValidatorException failure) {
    String reason = reason(failure);
    if (name.equals("PageSize") && reason.contains("greater than")) {
      return ApiException.of(ErrorCode.PAGE_SIZE_TOO_LARGE, "PageSize must be at most 1000");
    }
    if (name.equals("PageSize") || name.equals("Page") || name.equals("PageToken")) {
      return ApiException.of(ErrorCode.INVALID_PAGING, trim("Invalid paging parameter " + name + ": " + reason));
    }
    if (failure.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER) {
      return ApiException.of(ErrorCode.MISSING_PARAMETER, "Missing required parameter " + name);
    }
    return ApiException.invalid(trim("Invalid value for " + name + ": " + reason));
  }

  private static ApiException forBody(SchemaValidationException failure) {
    OutputUnit specific = mostSpecific(failure.getOutputUnit());
    if (specific == null) {
      return ApiException.invalid(trim(failure.getMessage()));
    }
    String keyword = String.valueOf(specific.getKeywordLocation());
    String error = String.valueOf(specific.getError());
    if (keyword.endsWith("/required")) {
      Matcher property = Pattern.compile("\"?([A-Za-z_]+)\"?\\s*$").matcher(error);
      String name = property.find() ? property.group(1) : "a required parameter";
      return ApiException.of(ErrorCode.MISSING_PARAMETER, "Missing required parameter " + name);
    }
    String name = propertyName(specific.getInstanceLocation());
    return ApiException.invalid(trim("Invalid value for " + name + ": " + error));
  }

  /** The first error that names a concrete keyword, not the "properties" summary lines. */
  private static OutputUnit mostSpecific(OutputUnit unit) {
    if (unit == null) {
      return null;
    }
    List<OutputUnit> errors = unit.getErrors();
    if (errors == null || errors.isEmpty()) {
      return unit.getError() == null ? null : unit;
    }
    for (OutputUnit error : errors) {
      String keyword = String.valueOf(error.getKeywordLocation());
      boolean summary = keyword.endsWith("/properties") || keyword.endsWith("/additionalProperties")
          || keyword.equals("#") || "A subschema had errors".equals(error.getError());
      if (!summary) {
        return error;
      }
    }
    return errors.get(0);
  }

  private static String propertyName(String instanceLocation) {
    if (instanceLocation == null || instanceLocation.isBlank() || instanceLocation.equals("#")) {
      return "the request body";
    }
    String[] parts = instanceLocation.replace("#", "").split("/");
    for (String part : parts) {
      if (!part.isEmpty()) {
        return part;
      }
    }
    return "the request body";
  }

  private static String reason(ValidatorException failure) {
    if (failure instanceof SchemaValidationException schema) {
      OutputUnit specific = mostSpecific(schema.getOutputUnit());
      if (specific != null && specific.getError() != null) {
        return specific.getError();
      }
    }
    String message = String.valueOf(failure.getMessage());
    int at = message.indexOf("Reason: ");
    return at >= 0 ? message.substring(at + "Reason: ".length()) : message;
  }

  private static String trim(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
