package dev.wireless.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between a node and its Postgres that can misbehave the way networks do:
 * {@link #blackHole()} stops forwarding in both directions but keeps every socket open (a
 * half-open partition: nobody gets an error), {@link #resetAll()} resets every connection,
 * {@link #cut()} resets every connection and every new one until {@link #restore()} (a crashed or
 * unreachable server, as its clients see it), and {@link #cutAtCommit} loses one transaction's
 * connection exactly while its COMMIT is on the way.
 */
final class TcpProxy implements AutoCloseable {

  /** What to do to the connection that sends {@code marker} when it next sends COMMIT. */
  private record Cut(String marker, boolean forwardCommit) {
  }

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final AtomicReference<Cut> cut = new AtomicReference<>();
  private volatile boolean blackHole;
  private volatile boolean refusing;
  private volatile boolean closed;

  TcpProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops forwarding; sockets stay open and bytes wait (a partition). */
  void blackHole() {
    blackHole = true;
  }

  /** Forwards again, the held bytes first. */
  void forward() {
    synchronized (this) {
      blackHole = false;
      notifyAll();
    }
  }

  /** Resets every connection, and each new one at once, until {@link #restore()}. */
  void cut() {
    refusing = true;
    resetAll();
  }

  /** Accepts and forwards new connections again. */
  void restore() {
    refusing = false;
  }

  /** Resets every open connection (RST to both sides). */
  void resetAll() {
    links.forEach(Link::reset);
  }

  /**
   * The next connection whose client sends {@code marker} is lost when it then sends COMMIT:
   * with {@code forwardCommit} the COMMIT reaches Postgres (the work is committed, the answer
   * never arrives), without it Postgres never sees it (the work rolls back).
   */
  void cutAtCommit(String marker, boolean forwardCommit) {
    cut.set(new Cut(marker, forwardCommit));
  }

  /** Whether the armed cut has happened. */
  boolean cutDone() {
    return cut.get() == null;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (refusing) {
          client.setSoLinger(true, 0);
          client.close();
          continue;
        }
        Socket upstream = new Socket();
        upstream.connect(target, 5_000);
        Link link = new Link(client, upstream);
        links.add(link);
        link.start();
      } catch (IOException e) {
        if (!closed) {
          System.err.println("tcp proxy: " + e);
        }
      }
    }
  }

  private void awaitForwarding() throws InterruptedException {
    synchronized (this) {
      while (blackHole) {
        wait();
      }
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    resetAll();
    forward();
  }

  /** One proxied connection. */
  private final class Link {
    private final Socket client;
    private final Socket upstream;
    private volatile boolean targeted;
    private volatile boolean severed;

    Link(Socket client, Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      Thread up = new Thread(() -> pump(client, upstream, true), "tcp-proxy-up");
      Thread down = new Thread(() -> pump(upstream, client, false), "tcp-proxy-down");
      up.setDaemon(true);
      down.setDaemon(true);
      up.start();
      down.start();
    }

    private void pump(Socket from, Socket to, boolean clientToServer) {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          awaitForwarding();
          if (clientToServer && inspect(buffer, read, out)) {
            return;
          }
          if (severed) {
            return;
          }
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side went away or the link was reset
      } finally {
        reset();
      }
    }

    /** True when this chunk triggered the armed cut (and the link is gone). */
    private boolean inspect(byte[] buffer, int read, OutputStream out) throws IOException {
      Cut armed = cut.get();
      if (armed == null) {
        return false;
      }
      String text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
      if (!targeted && text.contains(armed.marker())) {
        targeted = true;
      }
      if (!targeted || !text.contains("COMMIT") || !cut.compareAndSet(armed, null)) {
        return false;
      }
      severed = true; // nothing more reaches the client, not even the answer to COMMIT
      if (armed.forwardCommit()) {
        out.write(buffer, 0, read);
        out.flush();
        try {
          Thread.sleep(300); // Postgres commits meanwhile
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      reset();
      return true;
    }

    void reset() {
      severed = true;
      links.remove(this);
      for (Socket socket : List.of(client, upstream)) {
        try {
          socket.setSoLinger(true, 0);
          socket.close();
        } catch (IOException e) {
          // already closed
        }
      }
    }
  }
}
