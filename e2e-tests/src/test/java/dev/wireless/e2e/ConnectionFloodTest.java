package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One client address opens 2,000 connections on loopback: most send one request and then either
 * dribble out the next request head a line at a time (slowloris) or go silent, some never send
 * anything. The node refuses those over its per-client cap unanswered, closes slow heads at the
 * header timeout and silent connections at the idle timeout, and a normal client on another
 * address is served quickly throughout.
 */
class ConnectionFloodTest {

  private static final int FLOOD = 2_000;
  private static final int PER_CLIENT = 300;
  private static final long HEADER_TIMEOUT_MS = 2_000;
  private static final long IDLE_TIMEOUT_MS = 3_000;
  private static final long REQUEST_TIMEOUT_MS = 2_000;

  @Test
  void oneClientCannotTakeTheNodeOffline() throws Exception {
    Vertx vertx = Vertx.vertx();
    WirelessServer server = TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-flood").toString(), "WIRELESS_PORT", "0",
        "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0",
        "WIRELESS_DEMO", "true", "WIRELESS_REQUEST_TIMEOUT", REQUEST_TIMEOUT_MS + "ms",
        "WIRELESS_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT_MS + "ms", "WIRELESS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_MS + "ms",
        "WIRELESS_HTTP_MAX_CONNECTIONS_PER_CLIENT", Integer.toString(PER_CLIENT)))));
    URI base = URI.create(server.baseUrl());
    RawHttp http = new RawHttp(server.baseUrl());
    String auth = bearer(server.demoCredentials().authToken());
    InetAddress flooder = InetAddress.getByName("127.0.0.2");
    List<Socket> flood = new ArrayList<>();
    try {
      long started = System.nanoTime();
      for (int i = 0; i < FLOOD; i++) {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(flooder, 0));
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        if (i % 10 != 9) { // one in ten never sends a byte
          write(socket, "GET /v1/RatePlans HTTP/1.1\r\nHost: flood\r\n\r\n");
        }
        flood.add(socket);
      }
      long opened = (System.nanoTime() - started) / 1_000_000;
      int answered = 0;
      int refusedUnanswered = 0;
      for (int i = 0; i < FLOOD; i++) {
        if (i % 10 == 9) {
          continue;
        }
        if (firstLine(flood.get(i)).startsWith("HTTP/1.1 401")) {
          answered++;
          if (i % 2 == 0) { // the slowloris half starts its next request head
            write(flood.get(i), "GET /v1/RatePlans HTTP/1.1\r\nHost: flood\r\n");
          }
        } else {
          refusedUnanswered++;
        }
      }
      assertTrue(answered <= PER_CLIENT, answered + " connections answered; the cap is " + PER_CLIENT);
      assertTrue(refusedUnanswered >= FLOOD * 9 / 10 - PER_CLIENT, refusedUnanswered + " refused");

      // while the flood holds what it can, a normal client is served, and the slowloris half keeps dribbling
      long slowest = 0;
      int served = 0;
      long until = System.nanoTime() + (Math.max(IDLE_TIMEOUT_MS, REQUEST_TIMEOUT_MS + HEADER_TIMEOUT_MS) + 1_500) * 1_000_000;
      while (System.nanoTime() < until) {
        for (int i = 0; i < FLOOD; i += 2) {
          write(flood.get(i), "X-Slow: " + i + "\r\n");
        }
        long t = System.nanoTime();
        assertEquals(200, http.get("/v1/RatePlans", auth).statusCode());
        slowest = Math.max(slowest, (System.nanoTime() - t) / 1_000_000);
        served++;
      }

      int stillOpen = 0;
      List<String> open = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        if (isOpen(flood.get(i))) {
          stillOpen++;
          open.add(i + ":" + flood.get(i).getLocalPort());
        }
      }

      assertEquals(0, stillOpen, "every flood connection was closed by the node; open: " + open);
      assertTrue(slowest < 1_000, "the normal client was served quickly; slowest " + slowest + " ms");
      System.out.printf("connection flood: %d connections from one address opened in %d ms; %d answered (cap %d"
          + " per client), %d refused unanswered; every one closed %d ms after the flood started (header timeout"
          + " %d ms, idle timeout %d ms); normal client: %d requests, slowest %d ms%n",
          FLOOD, opened, answered, PER_CLIENT, refusedUnanswered, (System.nanoTime() - started) / 1_000_000,
          HEADER_TIMEOUT_MS, IDLE_TIMEOUT_MS, served, slowest);
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }

  private static void write(Socket socket, String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      // closed by the node: that is the point
    }
  }

  /** The first line the node answered on {@code socket}, or "" if it closed it unanswered. */
  private static String firstLine(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    StringBuilder line = new StringBuilder();
    try {
      InputStream in = socket.getInputStream();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.append((char) c);
      }
      // drain the rest of this answer (headers and a short JSON body) so the next read starts fresh
      socket.setSoTimeout(20);
      try {
        while (in.read() >= 0) {
          // skip
        }
      } catch (SocketTimeoutException e) {
        // answer drained
      }
    } catch (IOException e) {
      return "";
    }
    return line.toString().trim();
  }

  /** Whether the node still holds {@code socket} open (no end of stream, no reset). */
  private static boolean isOpen(Socket socket) throws IOException {
    socket.setSoTimeout(50);
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        int read = in.read();
        if (read < 0) {
          return false;
        }
      }
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
