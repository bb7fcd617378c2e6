package dev.wireless.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a loopback port in front of one target (e.g. Postgres), which a test can cut:
 * {@link #cut} resets every connection and refuses new ones, as a crashed or unreachable server
 * looks to its clients; {@link #restore} accepts again on the same port.
 */
final class TcpProxy implements AutoCloseable {

  private final int targetPort;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    accept(listener);
  }

  int port() {
    return port;
  }

  /** Closes the listening socket and every forwarded connection (with a reset). */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : open) {
      try {
        socket.setSoLinger(true, 0);
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void restore() throws IOException {
    listener = listen(port);
    accept(listener);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  private void accept(ServerSocket server) {
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException e) {
          return; // closed by cut()
        }
        try {
          Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
          open.add(client);
          open.add(upstream);
          pump(client, upstream);
          pump(upstream, client);
        } catch (IOException e) {
          closeQuietly(client); // the target refused: so does the proxy
        }
      }
    }, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void pump(Socket from, Socket to) {
    Thread pump = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          out.write(buffer, 0, n);
        }
      } catch (IOException ignored) {
        // one side went away
      } finally {
        closeQuietly(from);
        closeQuietly(to);
      }
    }, "tcp-proxy-pump");
    pump.setDaemon(true);
    pump.start();
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
