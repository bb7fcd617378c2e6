package dev.wireless.server.ops;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Whether this node is shutting down. From the moment it is, {@code /health/ready} answers 503 so
 * that load balancers stop routing to it, while requests that still arrive are served normally
 * with {@code Connection: close}, so clients and proxies holding a keep-alive connection open a new
 * one (to another node) for their next request instead of finding this one closed.
 */
public final class Draining {

  private volatile boolean active;

  public void begin() {
    active = true;
  }

  public boolean active() {
    return active;
  }

  /** Called for every request before it is routed. */
  public void mark(HttpServerRequest request) {
    if (active && request.version() != HttpVersion.HTTP_2) {
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
  }
}
