package dev.wireless.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLSocket;

/**
 * Exact bytes on one connection, for what an HTTP client library would not send (a request framed
 * two ways at once) or would hide (every response header, whether the server closed the
 * connection). Speaks TLS to a server with a self-signed certificate when asked.
 */
final class RawWire {

  /** One response as it came off the wire, and whether the server then closed the connection. */
  record Response(int status, List<String[]> headers, String body, boolean closedByServer) {

    /** The only value of header {@code name}; fails when it is absent or repeated. */
    String header(String name) {
      List<String> values = all(name);
      if (values.size() != 1) {
        throw new AssertionError(name + " appears " + values.size() + " times in " + describe());
      }
      return values.get(0);
    }

    Optional<String> optionalHeader(String name) {
      List<String> values = all(name);
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    List<String> all(String name) {
      List<String> values = new ArrayList<>();
      for (String[] header : headers) {
        if (header[0].equalsIgnoreCase(name)) {
          values.add(header[1]);
        }
      }
      return values;
    }

    String describe() {
      StringBuilder text = new StringBuilder().append(status);
      headers.forEach(h -> text.append('\n').append(h[0]).append(": ").append(h[1]));
      return text.append("\n\n").append(body).toString();
    }
  }

  private RawWire() {
  }

  /**
   * Sends {@code request} (CRLFs as written) to {@code port} on 127.0.0.1 from {@code localAddress}
   * (null: any), reads one response, then waits up to a second for the server to close.
   */
  static Response exchange(boolean tls, String localAddress, int port, String request) {
    try (Socket socket = open(tls, localAddress, port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      Response response = read(in);
      socket.setSoTimeout(1_000);
      boolean closed;
      try {
        closed = in.read() == -1;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (IOException e) {
        closed = true; // reset
      }
      return new Response(response.status(), response.headers(), response.body(), closed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One response read off {@code in}: its head, then its Content-Length body; the connection is left open. */
  static Response read(InputStream in) throws IOException {
    String head = readHead(in);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String[]> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
    }
    int length = headers.stream().filter(h -> h[0].toLowerCase(Locale.ROOT).equals("content-length"))
        .map(h -> Integer.parseInt(h[1])).findFirst().orElse(0);
    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
    return new Response(status, headers, body, false);
  }

  private static Socket open(boolean tls, String localAddress, int port) throws IOException {
    Socket plain = new Socket();
    if (localAddress != null) {
      plain.bind(new InetSocketAddress(localAddress, 0));
    }
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    if (!tls) {
      return plain;
    }
    SSLSocket secure = (SSLSocket) TrustingHttps.context().getSocketFactory()
        .createSocket(plain, "localhost", port, true);
    secure.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    secure.startHandshake();
    return secure;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed before a response head: " + head);
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    return text.substring(0, text.length() - 4);
  }
}
