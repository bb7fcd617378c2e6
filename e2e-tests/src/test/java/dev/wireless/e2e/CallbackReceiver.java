package dev.wireless.e2e;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer's callback endpoint on port 0: records every request (method, URI, headers, body) and
 * answers with a programmable status.
 */
final class CallbackReceiver implements AutoCloseable {

  /** One received callback. */
  record Received(String method, String uri, MultiMap headers, String body) {

    Map<String, String> form() {
      String encoded = method.equals("GET") ? (uri.contains("?") ? uri.substring(uri.indexOf('?') + 1) : "") : body;
      Map<String, String> fields = new LinkedHashMap<>();
      for (String pair : encoded.split("&")) {
        if (!pair.isEmpty()) {
          int eq = pair.indexOf('=');
          fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return fields;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final HttpServer server;

  CallbackReceiver() {
    server = TestPlatform.await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      received.add(new Received(request.method().name(), request.uri(), MultiMap.caseInsensitiveMultiMap()
          .addAll(request.headers()), body.toString(StandardCharsets.UTF_8)));
      request.response().setStatusCode(status.get()).end("ok");
    })).listen(0, "127.0.0.1"));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  void answerWith(int httpStatus) {
    status.set(httpStatus);
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  @Override
  public void close() {
    TestPlatform.await(vertx.close());
  }
}
