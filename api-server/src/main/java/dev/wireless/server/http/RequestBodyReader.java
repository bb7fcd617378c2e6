package dev.wireless.server.http;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the request body into memory, up to the size limit (larger: 413), and nothing more. It
 * takes the place of Vert.x's {@code BodyHandler}, which also hands every
 * {@code application/x-www-form-urlencoded} body to Netty's form decoder: that decoder throws for
 * any method but POST, PUT, PATCH and DELETE (a 500 for a GET that carries a form Content-Type, as
 * Python's urllib sends it) and refuses a pair with an empty name. Forms are read by
 * {@link FormBodyAdapter}; a body on an operation that declares none is read and ignored.
 */
final class RequestBodyReader implements Handler<RoutingContext> {

  private final long defaultLimit;
  private final java.util.Map<String, Long> limitsByPath;

  /**
   * @param limit        the largest accepted body in bytes
   * @param limitsByPath larger limits of single paths (an operation's {@code x-max-body-bytes})
   */
  RequestBodyReader(long limit, java.util.Map<String, Long> limitsByPath) {
    this.defaultLimit = limit;
    this.limitsByPath = java.util.Map.copyOf(limitsByPath);
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (VertxInternals.markBodyRead(ctx)) {
      ctx.next(); // a reroute: the body was read the first time
      return;
    }
    HttpServerRequest request = ctx.request();
    long limit = limitsByPath.isEmpty() ? defaultLimit : limitsByPath.getOrDefault(request.path(), defaultLimit);
    long declared = contentLength(request);
    boolean chunked = request.version() == HttpVersion.HTTP_2 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    if (declared < 0 && !chunked) {
      ctx.next();
      return;
    }
    if (declared > limit) {
      ctx.fail(413);
      return;
    }
    String expect = request.getHeader(HttpHeaders.EXPECT);
    if (expect != null) {
      if (!expect.equalsIgnoreCase("100-continue")) {
        ctx.fail(ApiException.of(ErrorCode.MALFORMED_REQUEST, "Only Expect: 100-continue is supported"));
        return;
      }
      if (request.version() != HttpVersion.HTTP_1_0) {
        ctx.response().writeContinue();
      }
    }
    if (request.isEnded()) {
      VertxInternals.setBody(ctx, Buffer.buffer());
      ctx.next();
      return;
    }
    Buffer body = Buffer.buffer((int) Math.max(0, Math.min(declared, limit)));
    boolean[] tooLarge = {false};
    request.handler(chunk -> {
      if (tooLarge[0]) {
        return;
      }
      if (body.length() + (long) chunk.length() > limit) {
        tooLarge[0] = true;
        ctx.fail(413);
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(e -> {
      if (!ctx.failed()) {
        ctx.fail(ApiException.of(ErrorCode.MALFORMED_REQUEST, "The request body could not be read"));
      }
    });
    request.endHandler(v -> {
      if (!tooLarge[0] && !ctx.failed()) {
        VertxInternals.setBody(ctx, body);
        ctx.next();
      }
    });
    request.resume();
  }

  private static long contentLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null || value.isEmpty()) {
      return -1;
    }
    try {
      long length = Long.parseLong(value);
      return length < 0 ? -1 : length;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
