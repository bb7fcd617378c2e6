package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

/** The error mapper's table: every failure kind → code and status, and the body's shape. */
class ErrorMapperTest {

  @Test
  void routerStatusesWithoutAnExceptionMapToTheirCodes() {
    int[][] table = {{400, 33101}, {401, 20003}, {404, 20404}, {405, 20004}, {413, 20413}, {415, 20415},
        {429, 20429}, {501, 20501}, {503, 20503}, {500, 20500}};
    for (int[] row : table) {
      ApiException error = ErrorMapper.toApiException(null, row[0], "/v1/X");
      assertEquals(row[1], error.code().code(), "status " + row[0]);
      assertEquals(row[0], error.status(), "status " + row[0]);
    }
  }

  @Test
  void httpExceptionsFromHandlersKeepTheirStatus() {
    assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, ErrorMapper.toApiException(new HttpException(413), 413, "/").code());
    assertEquals(ErrorCode.NOT_FOUND, ErrorMapper.toApiException(new HttpException(404), 404, "/v1/Y").code());
  }

  @Test
  void apiExceptionsPassThroughAlsoWhenWrapped() {
    ApiException conflict = ApiException.of(ErrorCode.CONFLICTING_UPDATE, "busy");
    assertSame(conflict, ErrorMapper.toApiException(conflict, 500, "/"));
    assertSame(conflict, ErrorMapper.toApiException(new HttpException(400, conflict), 400, "/"));
  }

  @Test
  void anIllegalArgumentFromOurOwnCodeIsA500WithoutItsMessage() {
    IllegalArgumentException ours = new IllegalArgumentException("select * from sims where secret");
    ours.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("dev.wireless.persistence.SqlExecutor", "execute", null, 1),
        new StackTraceElement("io.netty.handler.codec.http.HttpServerCodec", "channelRead", null, 1)});
    ApiException error = ErrorMapper.toApiException(ours, 500, "/");
    assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
    assertEquals(ErrorCode.INTERNAL_ERROR.defaultMessage(), error.getMessage());
  }

  @Test
  void anIllegalArgumentRaisedByNettysHttpCodecIsTheClientsMalformedInput() {
    IllegalArgumentException netty = new IllegalArgumentException("invalid escape sequence");
    netty.setStackTrace(new StackTraceElement[] {
        new StackTraceElement("java.lang.Integer", "parseInt", null, 1),
        new StackTraceElement("io.netty.handler.codec.http.QueryStringDecoder", "decodeComponent", null, 1),
        new StackTraceElement("dev.wireless.server.http.RequestValues", "query", null, 1)});
    assertEquals(ErrorCode.INVALID_PARAMETER, ErrorMapper.toApiException(netty, 500, "/").code());
  }

  @Test
  void unexpectedExceptionsBecomeAGeneric500WithoutDetails() {
    ApiException error = ErrorMapper.toApiException(new IllegalStateException("secret detail"), 500, "/");
    assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
    assertEquals("An internal error occurred", error.getMessage());
  }

  @Test
  void theBodyHasCodeMessageMoreInfoStatusAndDetailInThatOrder() {
    JsonObject body = new ErrorMapper("https://wireless.example.com").body(
        ApiException.withStatus(ErrorCode.INVALID_PARAMETER, 409, "taken"));
    assertEquals("{\"code\":33101,\"message\":\"taken\",\"more_info\":\"https://wireless.example.com/docs/errors/33101\","
        + "\"status\":409,\"detail\":\"Invalid parameter value\"}", body.encode());
  }

  @Test
  void everyCodeIsInItsRangeWithAnHttpErrorStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      int value = code.code();
      boolean inRange = (value >= 20000 && value < 22000) || (value >= 33000 && value < 34000);
      assertEquals(true, inRange, code.name());
      assertEquals(true, code.httpStatus() >= 400 && code.httpStatus() < 600, code.name());
    }
  }
}
