package dev.wireless.server.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import io.vertx.json.schema.impl.Format;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.RequestBody;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import java.util.function.Consumer;

/**
 * The only class that reaches into Vert.x's {@code impl} packages; everything else uses public API.
 * Each use is here because Vert.x 5.0 offers no public way to do it, and each is pinned by
 * {@code VertxInternalsTest}, so an upgrade that changes one fails a test instead of a request:
 * <ul>
 *   <li>per-parameter and per-body validation: the public {@code RequestValidator.validate} runs the
 *       whole request on an ordered {@code executeBlocking} (two thread hops, every request of an
 *       event loop queued behind the others); its steps are only public on the implementation;</li>
 *   <li>the JSON-schema {@code date-time} format check, so that the parameter shortcuts accept
 *       exactly the date-times the full validator accepts;</li>
 *   <li>the routing context's body and visited-handler marks: the body is read without
 *       {@code BodyHandler} (whose form decoding fails on GET), and the public API has no setter;</li>
 *   <li>the HTTP/1.x request decoder of a connection, replaced to check request framing.</li>
 * </ul>
 * Vert.x OpenAPI 5.0.10 still has no analyser for {@code application/x-www-form-urlencoded}
 * bodies (only JSON and multipart), so forms are converted by {@link FormBodyAdapter} with public
 * API; the validator caching of {@link CachingContract} needs no internals either.
 */
final class VertxInternals {

  /** The name Vert.x gives the HTTP/1.x decoder in a connection's pipeline. */
  static final String DECODER = "httpDecoder";

  private VertxInternals() {
  }

  /** Vert.x OpenAPI's own checks for one parameter and one body, callable on the event loop. */
  static final class Checks {

    private final RequestValidatorImpl validator;

    Checks(Vertx vertx, OpenAPIContract contract) {
      this.validator = new RequestValidatorImpl(vertx, contract);
    }

    /**
     * The parameter transformed by its style and validated against its schema; throws
     * {@link io.vertx.openapi.validation.ValidatorException} when it is missing or invalid.
     */
    RequestParameter parameter(Parameter parameter, RequestParameter value) {
      return validator.validateParameter(parameter, value);
    }

    /** The body parsed for its media type and validated; throws like {@link #parameter}. */
    RequestParameter body(RequestBody body, ValidatableRequest request) {
      return validator.validateBody(body, request);
    }
  }

  /** Whether the JSON-schema validator's own {@code date-time} format accepts {@code value}. */
  static boolean isDateTime(String value) {
    return Format.fastFormat("date-time", value);
  }

  /**
   * Marks the context's body as read and tells whether it already was (a reroute passes the body
   * handler's position again, and the body must not be read twice).
   */
  static boolean markBodyRead(RoutingContext ctx) {
    RoutingContextInternal context = (RoutingContextInternal) ctx;
    if (context.seenHandler(RoutingContextInternal.BODY_HANDLER)) {
      return true;
    }
    context.visitHandler(RoutingContextInternal.BODY_HANDLER);
    return false;
  }

  /** Makes {@code body} the context's {@code ctx.body()}. */
  static void setBody(RoutingContext ctx, Buffer body) {
    ((RoutingContextInternal) ctx).setBody(body);
  }

  /**
   * Replaces the HTTP/1.x request decoder of {@code connection} by one that hands every message
   * head to {@code headCheck} before it decides how the body is framed; an exception thrown there
   * marks the request undecodable. Returns whether the decoder was replaced (false for HTTP/2, or
   * when it already was).
   */
  static boolean checkRequestHeads(HttpConnection connection, HttpServerOptions options,
                                   Consumer<HttpMessage> headCheck) {
    if (connection instanceof ConnectionBase base) {
      ChannelPipeline pipeline = base.channel().pipeline();
      if (pipeline.get(DECODER) instanceof VertxHttpRequestDecoder current && !(current instanceof CheckedDecoder)) {
        pipeline.replace(DECODER, DECODER, new CheckedDecoder(options, headCheck));
        return true;
      }
    }
    return false;
  }

  /** Vert.x's request decoder with a check of each message head. */
  private static final class CheckedDecoder extends VertxHttpRequestDecoder {

    private final Consumer<HttpMessage> headCheck;

    CheckedDecoder(HttpServerOptions options, Consumer<HttpMessage> headCheck) {
      super(options);
      this.headCheck = headCheck;
    }

    /** Called by the decoder for every message head, before it decides how the body is framed. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
      headCheck.accept(message);
      return super.isContentAlwaysEmpty(message);
    }
  }
}
