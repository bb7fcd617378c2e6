package dev.wireless.server.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.Locale;

/**
 * Refuses HTTP/1.1 requests whose body length two parties could read differently, the signal of
 * request smuggling (RFC 9112 §6.3): {@code Content-Length} together with {@code Transfer-Encoding},
 * a {@code Transfer-Encoding} whose last coding is not {@code chunked} (or that names it twice), and
 * any {@code Transfer-Encoding} on HTTP/1.0. Netty's decoder would drop the {@code Content-Length}
 * and go on; duplicate or conflicting {@code Content-Length} values it already refuses itself.
 *
 * <p>The check runs inside the decoder, once per request head, and only looks further when a
 * {@code Transfer-Encoding} header is present. A refused request is marked as undecodable and
 * everything after it on the connection is discarded, so it reaches the invalid-request handler
 * ({@link ErrorMapper#invalidRequest}: 400 with the error body, then the connection is closed).
 * Vert.x builds the decoder itself; {@link #install} swaps in one that calls {@link #check} (through
 * {@link VertxInternals#checkRequestHeads}) as each HTTP/1.x connection opens, before its first
 * byte is read.
 */
public final class StrictFraming {

  private StrictFraming() {
  }

  /**
   * Installs the strict decoder on every HTTP/1.x connection of a server with these options.
   * Cleartext HTTP/2 (h2c) is switched off: its protocol sniffing sets up the connection only
   * after the first request has been decoded. HTTP/2 over TLS (ALPN) frames bodies itself.
   */
  public static HttpServerOptions options(HttpServerOptions options) {
    return new HttpServerOptions(options).setHttp2ClearTextEnabled(false);
  }

  /** The connection handler to give the server created with {@link #options}. */
  public static void install(HttpConnection connection, HttpServerOptions options) {
    VertxInternals.checkRequestHeads(connection, options, StrictFraming::check);
  }

  /** Throws {@link AmbiguousFraming} for a message head whose body length is ambiguous. */
  static void check(HttpMessage message) {
    HttpHeaders headers = message.headers();
    if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      checkTransferEncoding(message.protocolVersion(), headers);
    }
  }

  private static void checkTransferEncoding(HttpVersion version, HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      throw new AmbiguousFraming("The request has both Content-Length and Transfer-Encoding");
    }
    if (version != HttpVersion.HTTP_1_1) {
      throw new AmbiguousFraming("Transfer-Encoding is not allowed in an " + version + " request");
    }
    List<String> values = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    String[] codings = String.join(",", values).split(",");
    int chunked = 0;
    for (String coding : codings) {
      if (coding.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
        chunked++;
      }
    }
    if (chunked != 1 || !codings[codings.length - 1].trim().equalsIgnoreCase("chunked")) {
      throw new AmbiguousFraming("Transfer-Encoding must end with chunked, once");
    }
  }

  /**
   * The error message for a request the decoder refused for its framing (ours, or Netty's own
   * refusal of several {@code Content-Length} values); null for other decoding failures.
   */
  static String describe(Throwable cause) {
    if (cause instanceof AmbiguousFraming) {
      return cause.getMessage();
    }
    if (cause instanceof IllegalArgumentException && cause.getMessage() != null
        && cause.getMessage().contains("Content-Length")) {
      return "The request's Content-Length is repeated, conflicting or not a number";
    }
    return null;
  }

  /** Why the decoder refused a request's framing. */
  static final class AmbiguousFraming extends IllegalArgumentException {
    AmbiguousFraming(String message) {
      super(message, null);
    }
  }
}
