package dev.wireless.server.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The process's metrics registry (scraped at {@code /metrics}) and its version. Vert.x reports its
 * own HTTP, pool and event-loop metrics into the same registry when created with
 * {@link #newVertx(int)}.
 */
public final class Telemetry {

  private static final PrometheusMeterRegistry REGISTRY = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final String VERSION = readVersion();

  private Telemetry() {
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /**
   * Publishes which TLS engine the API listener runs on ({@code openssl}, {@code jdk} or
   * {@code none}), so an operator can see that the native engine loaded.
   */
  public static void registerTlsEngine(String engine) {
    io.micrometer.core.instrument.Gauge.builder("wireless_tls_engine", () -> 1).tag("engine", engine)
        .description("The TLS engine of the API listener").register(REGISTRY);
  }

  /** The platform's version, as built. */
  public static String version() {
    return VERSION;
  }

  /**
   * A Vert.x instance with {@code eventLoops} event loops that publishes its own metrics (SQL pool,
   * HTTP client, event loop, JVM) into {@link #registry()}. Vert.x defaults to two event loops per
   * core; on a node shared with Postgres, one per core means fewer threads fighting for the cores.
   * Netty's epoll transport is used where it is available (Linux x86-64), NIO elsewhere.
   */
  public static Vertx newVertx(int eventLoops) {
    return Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setPreferNativeTransport(true)
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .setJvmMetricsEnabled(true)
            // each event loop's database connections are a client of their own (EventLoopPool names them)
            .addLabels(io.vertx.micrometer.Label.CLIENT_NAME, io.vertx.micrometer.Label.NAMESPACE)
            // per-request HTTP server meters would duplicate wireless_http_requests (which has the
            // operationId) at a measurable cost per request
            .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.HTTP_SERVER)))
        .withMetrics(new MicrometerMetricsFactory(REGISTRY))
        .build();
  }

  private static String readVersion() {
    try (InputStream in = Telemetry.class.getClassLoader().getResourceAsStream("wireless-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
