package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatorException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins what {@link VertxInternals} relies on in Vert.x's {@code impl} packages, on a real Vert.x: the
 * validator's per-parameter and per-body steps, the schema's date-time format, the routing
 * context's body and visited-handler marks, and the name and type of a connection's request
 * decoder. A Vert.x upgrade that changes any of them fails here.
 */
class VertxInternalsTest {

  private static final JsonObject CONTRACT = new JsonObject("""
      {"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
       "paths": {"/things/{Sid}": {"post": {"operationId": "UpdateThing",
         "parameters": [
           {"name": "Sid", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^TH[0-9a-f]{4}$"}},
           {"name": "PageSize", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
         "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object",
           "properties": {"Name": {"type": "string", "maxLength": 5}}, "additionalProperties": false}}}},
         "responses": {"200": {"description": "ok"}}}}}}
      """);

  private static Vertx vertx;
  private static Operation operation;
  private static VertxInternals.Checks checks;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    OpenAPIContract contract = await(OpenAPIContract.from(vertx, CONTRACT));
    operation = contract.operation("UpdateThing");
    checks = new VertxInternals.Checks(vertx, contract);
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void aParameterIsTransformedByItsSchemaAndValidatedOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    assertEquals(25, checks.parameter(parameter("PageSize"), new ParameterValue("25")).get());
    assertEquals("THbeef", checks.parameter(parameter("Sid"), new ParameterValue("THbeef")).get());
    assertThrows(ValidatorException.class, () -> checks.parameter(parameter("PageSize"), new ParameterValue("0")));
    assertThrows(ValidatorException.class, () -> checks.parameter(parameter("Sid"), new ParameterValue("XX")));
    assertThrows(ValidatorException.class, () -> checks.parameter(parameter("Sid"), ParameterValue.ABSENT));
    assertTrue(checks.parameter(parameter("PageSize"), ParameterValue.ABSENT).isNull(), "optional and absent");
    assertEquals(caller, Thread.currentThread());
  }

  @Test
  void aJsonBodyIsParsedAndValidated() {
    RequestParameter body = checks.body(operation.getRequestBody(), request("{\"Name\":\"abc\"}"));
    assertEquals(new JsonObject().put("Name", "abc"), body.getJsonObject());
    assertThrows(ValidatorException.class, () -> checks.body(operation.getRequestBody(), request("{\"Name\":\"abcdef\"}")));
    assertThrows(ValidatorException.class, () -> checks.body(operation.getRequestBody(), request("{\"Other\":1}")));
    assertThrows(ValidatorException.class, () -> checks.body(operation.getRequestBody(),
        new ContractRequest(Map.of(), Map.of(), Map.of(), Map.of(), null, "application/json")));
  }

  /** The validator's format as it is (looser than RFC 3339: the offset may be missing, letters lower case). */
  @Test
  void theDateTimeFormatIsTheValidatorsOwn() {
    assertTrue(VertxInternals.isDateTime("2015-07-30T20:00:00Z"));
    assertTrue(VertxInternals.isDateTime("2015-07-30T22:00:00.123+02:00"));
    assertTrue(VertxInternals.isDateTime("2015-07-30T20:00:00"));
    assertTrue(VertxInternals.isDateTime("2015-07-30t20:00:00z"));
    assertFalse(VertxInternals.isDateTime("2015-07-30"));
    assertFalse(VertxInternals.isDateTime("2015-13-30T20:00:00Z"));
    assertFalse(VertxInternals.isDateTime("2015-02-30T20:00:00Z"));
    assertFalse(VertxInternals.isDateTime("2015-07-30T20:00:00+2:00"));
    assertFalse(VertxInternals.isDateTime("yesterday"));
  }

  @Test
  void theBodyIsSetOnTheRoutingContextAndTheBodyMarkSurvivesAReroute() throws Exception {
    Router router = Router.router(vertx);
    List<Boolean> marks = new CopyOnWriteArrayList<>();
    router.route().handler(ctx -> {
      marks.add(VertxInternals.markBodyRead(ctx));
      if (ctx.body().buffer() == null) {
        VertxInternals.setBody(ctx, Buffer.buffer("read once"));
      }
      ctx.next();
    });
    router.get("/first").handler(ctx -> ctx.reroute("/second"));
    router.get("/second").handler(ctx -> ctx.end(ctx.body().asString()));
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    try {
      String answer = exchange(server.actualPort(), "GET /first HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
      assertTrue(answer.endsWith("read once"), answer);
      assertEquals(List.of(false, true), marks, "marked on the first pass, seen on the reroute");
    } finally {
      await(server.close());
    }
  }

  @Test
  void theRequestDecoderIsReplacedAndARefusedHeadIsAnInvalidRequest() throws Exception {
    HttpServerOptions options = StrictFraming.options(new HttpServerOptions());
    List<Boolean> replaced = new CopyOnWriteArrayList<>();
    List<String> heads = new CopyOnWriteArrayList<>();
    List<Throwable> invalid = new CopyOnWriteArrayList<>();
    HttpServer server = vertx.createHttpServer(options)
        .connectionHandler(connection -> replaced.add(VertxInternals.checkRequestHeads(connection, options, head -> {
          heads.add(head.headers().get("X-Test"));
          if (head.headers().contains("X-Refuse")) {
            throw new IllegalArgumentException("refused by the check");
          }
        })))
        .invalidRequestHandler(request -> {
          invalid.add(request.decoderResult().cause());
          request.response().setStatusCode(400).putHeader("Connection", "close").end();
        })
        .requestHandler(request -> request.response().end("fine"));
    await(server.listen(0, "127.0.0.1"));
    try {
      String fine = exchange(server.actualPort(), "GET / HTTP/1.1\r\nHost: x\r\nX-Test: a\r\nConnection: close\r\n\r\n");
      assertTrue(fine.startsWith("HTTP/1.1 200") && fine.endsWith("fine"), fine);
      String refused = exchange(server.actualPort(),
          "GET / HTTP/1.1\r\nHost: x\r\nX-Test: b\r\nX-Refuse: 1\r\nConnection: close\r\n\r\n");
      assertTrue(refused.startsWith("HTTP/1.1 400"), refused);
      assertEquals(List.of(true, true), replaced);
      assertEquals(List.of("a", "b"), heads);
      assertEquals(1, invalid.size());
      assertInstanceOf(IllegalArgumentException.class, invalid.get(0));
      assertEquals("refused by the check", invalid.get(0).getMessage());
    } finally {
      await(server.close());
    }
  }

  private static Parameter parameter(String name) {
    return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
  }

  private static ContractRequest request(String json) {
    return new ContractRequest(Map.of(), Map.of(), Map.of(), Map.of(), new ParameterValue(Buffer.buffer(json)),
        "application/json");
  }

  /** Sends {@code request} on a new connection and reads until the server closes it. */
  private static String exchange(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
