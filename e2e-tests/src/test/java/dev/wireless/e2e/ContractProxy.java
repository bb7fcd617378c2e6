package dev.wireless.e2e;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sits between the tests and the server (plain HTTP in, HTTPS out) and validates every response
 * against wireless.yaml with the Vert.x response validator. Responses of routes outside the
 * contract (404, 405) must still carry the error body. Every violation is recorded; tests assert
 * there are none.
 */
final class ContractProxy {

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;
  private final HttpClient upstream;
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger validated = new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer server;
  private volatile int targetPort;

  ContractProxy(Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.contract = contract;
    this.validator = ResponseValidator.create(vertx, contract);
    // kept-alive connections are dropped well before the node closes them (its header timeout,
    // 20 s, which it advertises as Keep-Alive: timeout=19): reusing one the node is closing at that
    // moment fails the request (the keep-alive race of any client)
    this.upstream = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true)
        .setVerifyHost(false).setKeepAliveTimeout(10));
  }

  Future<Integer> listen() {
    server = vertx.createHttpServer().requestHandler(this::forward);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  void target(int port) {
    this.targetPort = port;
  }

  List<String> violations() {
    return violations;
  }

  int validatedCount() {
    return validated.get();
  }

  private void forward(HttpServerRequest in) {
    in.body().compose(body -> upstream.request(new RequestOptions().setMethod(in.method()).setHost("localhost")
            .setPort(targetPort).setURI(in.uri())
            // no Accept-Encoding: a compressed body could not be checked (a browser asks for gzip)
            .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(in.headers()).remove("Accept-Encoding")))
        .compose(out -> out.send(body))
        .compose(response -> response.body().compose(responseBody ->
            check(in, response.statusCode(), response.headers(), responseBody).map(responseBody)).map(responseBody -> {
          in.response().setStatusCode(response.statusCode());
          response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
              in.response().headers().add(name, value);
            }
          });
          in.response().end(responseBody);
          return null;
        })))
        .onFailure(e -> in.response().setStatusCode(599).end("proxy failure: " + e));
  }

  /** Records any violation; completes (never fails) once the response has been checked. */
  private Future<Void> check(HttpServerRequest in, int status, MultiMap headers, Buffer body) {
    String path = in.path().endsWith(".json") ? in.path().substring(0, in.path().length() - 5) : in.path();
    Operation operation = contract.findOperation(path, in.method());
    String where = in.method() + " " + in.uri() + " -> " + status;
    String contentType = headers.get("Content-Type");
    validated.incrementAndGet();
    // the OAuth token endpoints answer in RFC 6749's shape, which the contract declares for them
    boolean oauth = operation != null && Boolean.TRUE.equals(operation.getExtensions().get("x-oauth-token-endpoint"))
        && body.length() > 0 && body.toJsonObject().containsKey("error");
    if (status >= 400 && !oauth && !isErrorBody(contentType, body, status)) {
      violations.add(where + ": not an error body: " + body);
      return Future.succeededFuture();
    }
    if (operation == null) {
      return Future.succeededFuture();
    }
    ValidatableResponse response = status == 204
        ? ValidatableResponse.create(status)
        : ValidatableResponse.create(status, Map.of(), body, contentType);
    return validator.validate(response, operation.getOperationId())
        .<Void>mapEmpty()
        .recover(e -> {
          violations.add(where + ": " + e.getMessage() + " " + body);
          return Future.succeededFuture();
        });
  }

  private static boolean isErrorBody(String contentType, Buffer body, int status) {
    try {
      JsonObject error = body.toJsonObject();
      return contentType != null && contentType.startsWith("application/json")
          && error.getInteger("code") != null && error.getString("message") != null
          && error.getString("more_info", "").endsWith("/" + error.getInteger("code"))
          && error.getInteger("status") == status;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
