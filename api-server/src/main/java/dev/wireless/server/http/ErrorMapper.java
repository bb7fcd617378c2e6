package dev.wireless.server.http;

import dev.wireless.persistence.DatabaseErrors.DatabaseUnavailableException;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.errors.ErrorDictionary;
import dev.wireless.server.errors.OAuthError;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place an error becomes a response: validation failures, unknown routes (404), wrong
 * methods (405), wrong content types (415), oversized bodies (413), {@link ApiException}s and
 * unexpected exceptions (500, generic message; the details go only to the log) all leave as
 * {@code application/json} {@code {code, message, more_info, status, detail}}. {@code message} says
 * what went wrong with this request; {@code detail} names the nature of the error, the same for
 * every occurrence of the code (its title in the error dictionary, as on its {@code more_info} page).
 */
public final class ErrorMapper implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  /** Postgres refuses NUL characters (and unconvertible ones) in text: the client's input, not our fault. */
  private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

  /** Code → title from the error dictionary, read once. */
  private static final class Titles {
    static final Map<Integer, String> BY_CODE = load();

    private static Map<Integer, String> load() {
      Map<Integer, String> titles = new HashMap<>();
      ErrorDictionary.load().all().forEach(entry ->
          titles.put(((JsonObject) entry).getInteger("code"), ((JsonObject) entry).getString("title")));
      return Map.copyOf(titles);
    }
  }

  private final String docsBaseUrl;

  /** {@code publicBaseUrl} is where {@code /docs/errors/<code>} pages are served. */
  public ErrorMapper(String publicBaseUrl) {
    this.docsBaseUrl = publicBaseUrl + "/docs/errors/";
  }

  @Override
  public void handle(RoutingContext ctx) {
    ApiException error = toApiException(ctx.failure(), ctx.statusCode(), ctx.normalizedPath());
    if (ctx.get(OAuthError.TOKEN_ENDPOINT_KEY) != null) {
      error = OAuthError.forTokenEndpoint(error);
    }
    if (error.code() == ErrorCode.INTERNAL_ERROR) {
      LOG.error("{} {} failed", ctx.request().method(), ctx.normalizedPath(), ctx.failure());
    }
    write(ctx.response(), error);
  }

  static ApiException toApiException(Throwable failure, int status, String path) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof HttpException http) {
      Throwable cause = http.getCause();
      if (cause instanceof ValidatorException validation) {
        return ValidationFailures.toApiException(validation);
      }
      if (cause instanceof ApiException api) {
        return api;
      }
      return forStatus(http.getStatusCode(), path);
    }
    if (failure instanceof ValidatorException validation) {
      return ValidationFailures.toApiException(validation);
    }
    if (failure instanceof io.vertx.pgclient.PgException pg && UNSTORABLE_TEXT.contains(pg.getSqlState())) {
      return ApiException.invalid("A parameter contains a character that cannot be stored (such as U+0000)");
    }
    if (failure instanceof dev.wireless.persistence.DatabaseErrors.CommitOutcomeUnknownException) {
      return ApiException.of(ErrorCode.OUTCOME_UNKNOWN, "The connection to the database was lost while committing;"
          + " the request may or may not have taken effect. Retry with the same Idempotency-Key: it returns the"
          + " stored result if it did").withHeaders(java.util.Map.of("Retry-After", "1"));
    }
    if (failure instanceof DatabaseUnavailableException) {
      return ApiException.of(ErrorCode.SERVICE_UNAVAILABLE, "The database is temporarily unavailable; retry later")
          .withHeaders(java.util.Map.of("Retry-After", "1"));
    }
    if (failure == null) {
      return forStatus(status, path);
    }
    if (isMalformedHttpInput(failure)) {
      return ApiException.invalid("The request is malformed: " + failure.getMessage());
    }
    return ApiException.of(ErrorCode.INTERNAL_ERROR);
  }

  /**
   * Netty's HTTP decoders reject some malformed input by throwing; that is the client's mistake, not
   * ours. Only an exception <em>raised</em> by Netty's HTTP codec counts (its first frame outside the
   * JDK is the codec's): every exception thrown while a request is handled has the codec further
   * down its stack, and one raised by our own code or a library (a statement error, say) is a 500
   * whose message — possibly SQL — must never reach the client.
   */
  static boolean isMalformedHttpInput(Throwable failure) {
    if (!(failure instanceof IllegalArgumentException) && !(failure instanceof io.netty.handler.codec.DecoderException)) {
      return false;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      String type = frame.getClassName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type.startsWith("io.netty.handler.codec.http");
      }
    }
    return false;
  }

  private static ApiException forStatus(int status, String path) {
    return switch (status) {
      case 400 -> ApiException.invalid("The request is malformed");
      case 401 -> ApiException.of(ErrorCode.UNAUTHENTICATED);
      case 404 -> ApiException.notFound(path);
      case 405 -> ApiException.of(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed on " + path);
      case 413 -> ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE);
      case 415 -> ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
      case 429 -> ApiException.of(ErrorCode.TOO_MANY_REQUESTS);
      case 501 -> ApiException.of(ErrorCode.NOT_IMPLEMENTED);
      case 503 -> ApiException.of(ErrorCode.SERVICE_UNAVAILABLE);
      default -> ApiException.of(ErrorCode.INTERNAL_ERROR);
    };
  }

  /**
   * For requests Netty could not even decode (a request line over the limit: 414, headers over the
   * limit: 431, anything else malformed: 400): the same error body, then the connection is closed
   * because its byte stream can no longer be trusted.
   */
  public void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ApiException error;
    if (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException) {
      error = ApiException.of(ErrorCode.URI_TOO_LONG);
    } else if (cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException) {
      error = ApiException.of(ErrorCode.HEADERS_TOO_LARGE);
    } else if (StrictFraming.describe(cause) != null) {
      error = ApiException.of(ErrorCode.MALFORMED_REQUEST, StrictFraming.describe(cause));
    } else {
      error = ApiException.of(ErrorCode.MALFORMED_REQUEST);
    }
    request.response().putHeader("Connection", "close");
    write(request.response(), error);
    request.connection().close();
  }

  /** Answers 503 with the error body while the node is still starting. */
  public void notReady(HttpServerRequest request) {
    write(request.response(), ApiException.of(ErrorCode.SERVICE_UNAVAILABLE, "The server is starting; retry shortly"));
  }

  /**
   * Answers 503 with {@code Retry-After} to a request its handler did not answer within the
   * deadline: 20503 for a read, 20504 (outcome unknown) for anything that may change state.
   */
  public void timedOut(HttpServerRequest request, long deadlineMs) {
    ApiException error = request.method() == io.vertx.core.http.HttpMethod.GET
        ? ApiException.of(ErrorCode.SERVICE_UNAVAILABLE, "The request could not be completed within "
            + deadlineMs + " ms; retry later")
        // a change may still be made after this answer: the client must not assume either outcome
        : ApiException.of(ErrorCode.OUTCOME_UNKNOWN, "The request could not be completed within " + deadlineMs
            + " ms and may still take effect. Retry with the same Idempotency-Key: it returns the stored result"
            + " if it did");
    write(request.response(), error.withHeaders(java.util.Map.of("Retry-After", "1")));
  }

  /** The error body for {@code error}. */
  public JsonObject body(ApiException error) {
    return new JsonObject()
        .put("code", error.code().code())
        .put("message", error.getMessage())
        .put("more_info", docsBaseUrl + error.code().code())
        .put("status", error.status())
        .put("detail", detail(error.code()));
  }

  /** The stable description of the code's nature: its dictionary title. */
  static String detail(ErrorCode code) {
    return Titles.BY_CODE.getOrDefault(code.code(), code.defaultMessage());
  }

  /** The RFC 6749 §5.2 body of a token endpoint's refusal. */
  static JsonObject oauthBody(ApiException error) {
    return new JsonObject()
        .put("error", error.oauthError().wireName())
        .put("error_description", OAuthError.description(error.getMessage()));
  }

  private void write(HttpServerResponse response, ApiException error) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    error.headers().forEach(response::putHeader);
    response.setStatusCode(error.status())
        .putHeader("Content-Type", "application/json")
        .end((error.oauthError() != null ? oauthBody(error) : body(error)).toBuffer());
  }
}
