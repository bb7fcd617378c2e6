package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.WirelessServer;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Slowloris on a fresh connection: a client that opens a connection and dribbles out its first
 * request head, a header line every half second (each byte resetting any idle timer), is closed
 * once the header timeout has passed since the connection opened — it does not hold its slot for
 * as long as it keeps dribbling. A client that sends nothing at all is closed the same way. A
 * kept-alive connection is told how long it may idle before the same timeout closes it.
 */
class SlowFirstRequestHeadTest {

  private static final long HEADER_TIMEOUT_MS = 2_000;
  private static final long IDLE_TIMEOUT_MS = 60_000;
  private static final long REQUEST_TIMEOUT_MS = 2_000;

  private static WirelessServer start(Vertx vertx) throws IOException {
    return TestPlatform.await(WirelessServer.start(vertx, ServerConfig.from(Map.of(
        "WIRELESS_DATA_DIR", ScratchDirectories.create("wireless-slow-head").toString(), "WIRELESS_PORT", "0",
        "WIRELESS_HOST", "127.0.0.1", "WIRELESS_INSECURE_HTTP", "true", "WIRELESS_PROVISIONING_WORKERS", "0",
        "WIRELESS_DEMO", "false", "WIRELESS_HTTP_HEADER_TIMEOUT", HEADER_TIMEOUT_MS + "ms",
        "WIRELESS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_MS + "ms", "WIRELESS_REQUEST_TIMEOUT", REQUEST_TIMEOUT_MS + "ms"))));
  }

  /**
   * After an answer the connection may sit idle for the header timeout; the answer says so
   * ({@code Keep-Alive: timeout=N}, a second under it), and the node keeps it open at least that
   * long and closes it by the request timeout plus the header timeout after the request.
   */
  @Test
  void anAnswerAdvertisesHowLongItsConnectionMaySitIdle() throws Exception {
    Vertx vertx = Vertx.vertx();
    WirelessServer server = start(vertx);
    URI base = URI.create(server.baseUrl());
    try (Socket kept = new Socket(base.getHost(), base.getPort())) {
      kept.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      kept.getOutputStream().flush();
      RawWire.Response answer = RawWire.read(kept.getInputStream());
      long answered = System.nanoTime();
      assertEquals(200, answer.status(), answer.describe());
      long advertised = (HEADER_TIMEOUT_MS / 1000) - 1;
      assertEquals("timeout=" + advertised, answer.header("Keep-Alive"));
      assertTrue(!closed(kept, (int) advertised * 1000), "closed before the advertised idle time");
      assertTrue(closed(kept, (int) (REQUEST_TIMEOUT_MS + HEADER_TIMEOUT_MS + 1_500)),
          "an idle kept-alive connection is closed");
      long idleMs = (System.nanoTime() - answered) / 1_000_000;
      assertTrue(idleMs >= advertised * 1000, "closed " + idleMs + " ms after the answer");
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }

  @Test
  void aConnectionMustDeliverItsFirstRequestHeadWithinTheHeaderTimeout() throws Exception {
    Vertx vertx = Vertx.vertx();
    WirelessServer server = start(vertx);
    URI base = URI.create(server.baseUrl());
    try (Socket dribbling = new Socket(base.getHost(), base.getPort());
         Socket silent = new Socket(base.getHost(), base.getPort())) {
      long opened = System.nanoTime();
      OutputStream out = dribbling.getOutputStream();
      boolean closedByNode = false;
      try {
        out.write("GET /v1/RatePlans HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int line = 0; line < 40 && !closedByNode; line++) {
          Thread.sleep(500); // the client's own pace: the point of the attack is to be slow
          out.write(("X-Slow-" + line + ": still coming\r\n").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          closedByNode = closed(dribbling, 1);
        }
      } catch (IOException e) {
        closedByNode = true; // the write failed: the node closed the connection
      }
      long dribbledMs = (System.nanoTime() - opened) / 1_000_000;
      assertTrue(closedByNode, "the node kept a dribbling connection open for " + dribbledMs + " ms");
      assertTrue(dribbledMs < HEADER_TIMEOUT_MS + 2_500, "closed after " + dribbledMs + " ms");
      assertTrue(closed(silent, 2_000), "a connection that never sent a byte is closed by the header timeout too");
      long silentMs = (System.nanoTime() - opened) / 1_000_000;
      assertTrue(silentMs < IDLE_TIMEOUT_MS, "closed after " + silentMs + " ms, before the idle timeout");
      assertEquals(200, new RawHttp(server.baseUrl()).get("/health/live", null).statusCode());
      System.out.printf("slow first request head: closed %d ms after the connection opened; a silent connection"
          + " closed by %d ms (header timeout %d ms, idle timeout %d ms)%n", dribbledMs, silentMs, HEADER_TIMEOUT_MS,
          IDLE_TIMEOUT_MS);
    } finally {
      TestPlatform.await(server.stop());
      TestPlatform.await(vertx.close());
    }
  }

  /** Whether the node has closed {@code socket} (end of stream or reset), waiting at most {@code waitMs}. */
  private static boolean closed(Socket socket, int waitMs) throws IOException {
    socket.setSoTimeout(waitMs);
    try {
      InputStream in = socket.getInputStream();
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
