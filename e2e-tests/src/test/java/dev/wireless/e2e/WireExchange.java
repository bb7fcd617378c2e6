package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange with the server's HTTPS port, byte for byte: the request is written
 * exactly as given (method, target, every header, body — nothing added), the connection closed
 * by the request's {@code Connection: close}, and the response read to its end. For requests an
 * HTTP client library would not send as they are (a body on a GET, {@code Content-Length: 0} on
 * an OPTIONS).
 */
final class WireExchange {

  /** A response: status, headers by lower-case name (last value wins), body as text. */
  record Response(int status, Map<String, String> headers, String body) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    JsonObject json(int expectedStatus) {
      assertEquals(expectedStatus, status, body);
      return new JsonObject(body);
    }

    /** Asserts the status and the JSON error body with {@code code}. */
    JsonObject error(int expectedStatus, int code) {
      assertEquals(expectedStatus, status, body);
      assertTrue(header("Content-Type").startsWith("application/json"), headers.toString());
      JsonObject error = new JsonObject(body);
      assertEquals(code, error.getInteger("code"), body);
      assertEquals(expectedStatus, error.getInteger("status"), body);
      return error;
    }
  }

  private WireExchange() {
  }

  /**
   * Sends {@code head} (request line and headers, lines ending in CRLF, without the blank line;
   * {@code Connection: close} is appended) and {@code body} to the server on {@code port}.
   */
  static Response send(int port, String head, String body) {
    try (Socket plain = new Socket("127.0.0.1", port);
         SSLSocket socket = (SSLSocket) TrustingHttps.context().getSocketFactory()
             .createSocket(plain, "localhost", port, true)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write((head + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      out.flush();
      return parse(readAll(socket.getInputStream()), head.startsWith("HEAD "));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (javax.net.ssl.SSLException e) {
      // the server closed without close_notify after a complete response: what was read is the answer
    }
    return all.toByteArray();
  }

  private static Response parse(byte[] bytes, boolean head) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    assertTrue(end > 0, "no complete response: " + text);
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    String body = head ? "" : text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new Response(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
