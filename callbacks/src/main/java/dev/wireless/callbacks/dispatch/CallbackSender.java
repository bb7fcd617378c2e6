package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.delivery.RetrySchedule;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Makes one HTTP attempt and reports what happened as an {@link Attempt}; it never throws and
 * never writes anything. The attempt is bounded by the request timeout as a whole (a timer races
 * the request), not only per read, so a receiver that trickles bytes cannot hold a lease.
 * Redirects are not followed: a redirect could lead past the SSRF guard.
 */
final class CallbackSender {

    /**
     * Keep-alive connections one dispatcher opens to one receiver (host and port); more callbacks
     * for it wait for a free connection, so a large batch does not open hundreds of connections to
     * one customer's server.
     */
    static final int MAX_CONNECTIONS_PER_RECEIVER = 64;

    private final Vertx vertx;
    private final DispatcherSettings settings;
    private final TargetResolver resolver;
    private final WebClient client;

    CallbackSender(Vertx vertx, DispatcherSettings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.resolver = new TargetResolver(vertx, settings.addressPolicy());
        WebClientOptions options = new WebClientOptions()
                .setUserAgentEnabled(false)
                .setFollowRedirects(false)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setKeepAlive(true);
        options.setConnectTimeout((int) settings.connectTimeout().toMillis());
        this.client = WebClient.create(vertx, options,
                new PoolOptions().setHttp1MaxSize(Math.min(settings.batchSize(), MAX_CONNECTIONS_PER_RECEIVER)));
    }

    Future<Attempt> send(OutgoingCallback request) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long limit = settings.requestTimeout().toMillis();
        Promise<Attempt> outcome = Promise.promise();
        long timer = vertx.setTimer(limit, id -> outcome.tryComplete(Attempt.failed(startedAt, elapsed(start),
                request.url(), "timeout: no complete answer within " + limit + " ms", true)));
        resolver.resolve(request.url())
                .compose(address -> exchange(request, address, limit))
                .onComplete(ar -> {
                    vertx.cancelTimer(timer);
                    int duration = elapsed(start);
                    outcome.tryComplete(ar.succeeded()
                            ? answered(startedAt, duration, request.url(), ar.result())
                            : Attempt.failed(startedAt, duration, request.url(), describe(ar.cause(), limit),
                                    !(ar.cause() instanceof TargetResolver.RefusedTarget)));
                });
        return outcome.future();
    }

    void close() {
        client.close();
    }

    private Future<HttpResponse<String>> exchange(OutgoingCallback request, SocketAddress address, long limit) {
        HttpRequest<String> http = client.requestAbs(HttpMethod.valueOf(request.method()), address, request.url())
                .connectTimeout(settings.connectTimeout().toMillis())
                .idleTimeout(limit)
                .followRedirects(false)
                .putHeaders(request.headers())
                .as(new CappedBody());
        return request.body() == null ? http.send() : http.sendBuffer(request.body());
    }

    private static Attempt answered(Instant startedAt, int duration, String url, HttpResponse<String> response) {
        Duration retryAfter = RetrySchedule.parseRetryAfter(response.getHeader("Retry-After"), Instant.now())
                .orElse(null);
        return Attempt.answered(startedAt, duration, url, response.statusCode(), response.body(), retryAfter);
    }

    static String describe(Throwable failure, long limitMillis) {
        if (failure instanceof TargetResolver.RefusedTarget) {
            return failure.getMessage();
        }
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            return "timeout: no complete answer within " + limitMillis + " ms";
        }
        if (failure instanceof UnknownHostException) {
            return "DNS error: " + failure.getMessage();
        }
        if (failure instanceof ConnectException) {
            return "connection failed: " + failure.getMessage();
        }
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return "request failed (" + failure.getClass().getSimpleName() + ")" + message;
    }

    private static int elapsed(long startNanos) {
        return (int) Math.min(Integer.MAX_VALUE, Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
    }
}
