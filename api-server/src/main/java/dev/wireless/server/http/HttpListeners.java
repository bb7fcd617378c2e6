package dev.wireless.server.http;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API's HTTP listeners: one per Vert.x event loop, all on one port. An HTTP server serves its
 * connections on the event loop it was started on, so a single server would run the whole API on
 * one thread however many cores the node has; with one per event loop, Vert.x spreads incoming
 * connections over them round-robin and each request stays on its connection's event loop (and,
 * with {@link dev.wireless.persistence.EventLoopPool}, on that loop's database connections).
 */
public final class HttpListeners {

  private final List<HttpServer> servers;

  private HttpListeners(List<HttpServer> servers) {
    this.servers = servers;
  }

  private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

  /**
   * The port to put in the options of every listener of one node: {@code port} itself, or for 0
   * (any free port) a negative number of its own, which Vert.x reads as "one random port, shared by
   * every server asking for this number" (port 0 would give each listener a port of its own).
   */
  public static int listenPort(int port) {
    return port != 0 ? port : -1 - RANDOM_PORT_GROUPS.getAndIncrement();
  }

  /**
   * Starts listeners on every event loop but the one {@code first} runs on, with {@code first}'s
   * options (whose port came from {@link #listenPort}) and the same handlers; {@code connections}
   * is told of every new connection (null: nobody).
   */
  public static Future<HttpListeners> alongside(Vertx vertx, HttpServer first, EventLoop firstLoop,
                                                HttpServerOptions options, Handler<HttpServerRequest> requests,
                                                Handler<HttpServerRequest> invalidRequests,
                                                Handler<HttpConnection> connections) {
    List<Future<HttpServer>> started = new ArrayList<>();
    VertxInternal internal = (VertxInternal) vertx;
    for (EventExecutor executor : internal.nettyEventLoopGroup()) {
      EventLoop loop = (EventLoop) executor;
      if (loop == firstLoop) {
        continue;
      }
      ContextInternal context = internal.contextBuilder().withEventLoop(loop).build();
      Promise<HttpServer> listening = Promise.promise();
      context.runOnContext(v -> server(vertx, options, requests, invalidRequests, connections).listen()
          .onComplete(listening));
      started.add(listening.future());
    }
    return Future.all(started).map(all -> {
      List<HttpServer> servers = new ArrayList<>(List.of(first));
      servers.addAll(all.list());
      return new HttpListeners(servers);
    });
  }

  /**
   * One API listener (not yet listening) with its handlers, decoding HTTP/1.x requests with the
   * {@link StrictFraming} decoder; {@code connections} (null: nobody) is told of every connection.
   */
  public static HttpServer server(Vertx vertx, HttpServerOptions options, Handler<HttpServerRequest> requests,
                                  Handler<HttpServerRequest> invalidRequests, Handler<HttpConnection> connections) {
    HttpServerOptions strict = StrictFraming.options(options);
    return vertx.createHttpServer(strict).requestHandler(requests).invalidRequestHandler(invalidRequests)
        .connectionHandler(connection -> {
          StrictFraming.install(connection, strict);
          if (connections != null) {
            connections.handle(connection);
          }
        });
  }

  /** The event loop of the calling Vert.x thread. */
  public static EventLoop currentLoop(Vertx vertx) {
    return ((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop();
  }

  /**
   * Stops accepting connections and closes each open one once its request in flight has been
   * answered, waiting at most {@code grace} for those.
   */
  public Future<Void> shutdown(java.time.Duration grace) {
    return Future.join(servers.stream().map(server -> server.shutdown(grace.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS)).toList()).mapEmpty();
  }

  public Future<Void> close() {
    return Future.join(servers.stream().map(HttpServer::close).toList()).mapEmpty();
  }
}
