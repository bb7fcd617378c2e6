package dev.wireless.callbacks.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A programmable callback receiver on port 0: it answers from a script (then with a default),
 * can hold a request without answering, and records every request with its exact bytes.
 */
public final class TestReceiver {

    /** One received request, as the receiver saw it. */
    public record Received(String method, String uri, MultiMap headers, byte[] body, long receivedAtNanos) {

        public String header(String name) {
            return headers.get(name);
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** How to answer: a status with headers and body, or not at all ({@link #hold()}). */
    public record Reply(int status, Map<String, String> headers, String body, boolean held) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        public static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, false);
        }

        public static Reply withHeader(int status, String name, String value) {
            return new Reply(status, Map.of(name, value), "", false);
        }

        public static Reply hold() {
            return new Reply(0, Map.of(), "", true);
        }
    }

    private final HttpServer server;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> countsByToken = new ConcurrentHashMap<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private volatile Reply fallback = Reply.status(200, "ok");

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    public static TestReceiver start(Vertx vertx) {
        TestReceiver receiver = new TestReceiver(vertx.createHttpServer());
        receiver.server.requestHandler(receiver::handle);
        TestDatabase.await(receiver.server.listen(0, "127.0.0.1"));
        return receiver;
    }

    /** The next requests are answered with {@code replies}, in order. */
    public synchronized TestReceiver script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** How requests are answered once the script is used up (200 "ok" unless set). */
    public TestReceiver otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.actualPort() + pathAndQuery;
    }

    public int port() {
        return server.actualPort();
    }

    public List<Received> requests() {
        return List.copyOf(requests);
    }

    /** How many requests carried each kore-idempotency-token. */
    public Map<String, AtomicInteger> countsByToken() {
        return countsByToken;
    }

    public Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Received received = new Received(request.method().name(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.getBytes(), System.nanoTime());
            String token = request.getHeader("kore-idempotency-token");
            if (token != null) {
                countsByToken.computeIfAbsent(token, t -> new AtomicInteger()).incrementAndGet();
            }
            requests.add(received);
            Reply reply = next();
            if (reply.held()) {
                return;
            }
            reply.headers().forEach(request.response()::putHeader);
            request.response().setStatusCode(reply.status()).end(reply.body());
        });
    }

    private synchronized Reply next() {
        Reply scripted = script.poll();
        return scripted == null ? fallback : scripted;
    }
}
