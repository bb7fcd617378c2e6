package dev.wireless.server.config;

import dev.wireless.callbacks.dispatch.DispatcherSettings;
import dev.wireless.callbacks.signing.SecretBox;
import dev.wireless.persistence.DatabaseLocation;
import dev.wireless.persistence.config.EnvironmentReader;
import dev.wireless.server.http.SecuritySettings;
import dev.wireless.server.sims.ProvisioningSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Every setting of the platform, read from environment variables with defaults (the README's
 * table lists them) through the one {@link EnvironmentReader}, once at start. Invalid values fail
 * the start with a message naming the variable.
 *
 * @param publicBaseUrl null means "https://localhost:&lt;bound port&gt;" (http when insecure)
 * @param managementPort -1 serves health and metrics on the API port; otherwise their own plain-HTTP port
 * @param masterKey     base64 AES key sealing callback signing keys; null means {@code <data dir>/secrets/master.key}
 * @param usage         network ingestion, simulated traffic and the usage price table
 * @param demo          create (once) and print the demo account with its fleet; default on with the
 *                      embedded database, off when {@code WIRELESS_DB_URL} is set
 * @param commands      Command delivery workers, receipt timeout, retention and the simulated carrier's SMS behaviour
 * @param eventLoops    Vert.x event loops, each with its own HTTP listener and database connections
 * @param dbPipelinedConnections connections per event loop that carry single statements pipelined
 * @param corsOrigins   origins browser apps may call from ({@code scheme://host[:port]}, lowercase); empty: any
 * @param security      security headers (HSTS) and the throttle of failed authentications per client address
 * @param shutdownDrain how long a node keeps serving after SIGTERM, with {@code /health/ready} at 503,
 *                      before it closes its listeners (load balancers move traffic away meanwhile)
 * @param callbackRetention delivered callbacks (and their attempts) older than this are purged
 * @param callbackPurgeInterval how often that purge runs
 * @param dbTimeouts    connect, statement and idle-in-transaction limits of every database connection
 * @param requestTimeout an API request not answered by then gets 503 with {@code Retry-After}
 * @param connectionLimits header-read and idle timeouts and connection caps of the API listener
 * @param jsonAccessLog  access-log lines as JSON ({@code WIRELESS_LOG_FORMAT=json}) instead of text
 */
public record ServerConfig(Path dataDir, String dbUrl, String host, int port, boolean insecureHttp,
                           String publicBaseUrl, String tlsCertPath, String tlsKeyPath, long maxBodyBytes,
                           Duration accessTokenTtl, int dbPoolSize, ProvisioningSettings provisioning,
                           DispatcherSettings callbacks, String masterKey, ApiLimits limits,
                           int managementPort, dev.wireless.server.usage.UsageSettings usage,
                           dev.wireless.server.commands.CommandSettings commands, boolean demo,
                           int eventLoops, int dbPipelinedConnections,
                           java.util.List<String> corsOrigins, SecuritySettings security, Duration shutdownDrain,
                           Duration callbackRetention, Duration callbackPurgeInterval,
                           dev.wireless.persistence.DatabaseTimeouts dbTimeouts, Duration requestTimeout,
                           dev.wireless.server.http.ConnectionLimits connectionLimits, boolean jsonAccessLog) {

  public static ServerConfig fromEnvironment() {
    return from(EnvironmentReader.system());
  }

  public static ServerConfig from(Map<String, String> env) {
    return from(new EnvironmentReader(env));
  }

  /** Every setting, read and checked at once through the one reader of the environment. */
  public static ServerConfig from(EnvironmentReader s) {
    return new ServerConfig(
        Path.of(s.text("WIRELESS_DATA_DIR", "./data")).toAbsolutePath().normalize(),
        checkedDbUrl(s.text("WIRELESS_DB_URL", null)),
        s.text("WIRELESS_HOST", "0.0.0.0"),
        s.integer("WIRELESS_PORT", 8443, 0, 65535),
        s.bool("WIRELESS_INSECURE_HTTP", false),
        stripTrailingSlash(s.text("WIRELESS_PUBLIC_BASE_URL", null)),
        s.text("WIRELESS_TLS_CERT", null),
        s.text("WIRELESS_TLS_KEY", null),
        s.integer("WIRELESS_MAX_BODY_BYTES", 64 * 1024, 1024, 16 * 1024 * 1024),
        s.duration("WIRELESS_ACCESS_TOKEN_TTL", Duration.ofHours(1)),
        s.integer("WIRELESS_DB_POOL_SIZE", 16, 1, 500),
        provisioning(s),
        DispatcherSettings.from(s),
        s.text("WIRELESS_MASTER_KEY", null),
        new ApiLimits(s.integer("WIRELESS_RATE_LIMIT", 100, 0, 1_000_000),
            s.integer("WIRELESS_RATE_LIMIT_BURST", 200, 1, 1_000_000),
            s.duration("WIRELESS_IDEMPOTENCY_TTL", Duration.ofHours(24)),
            s.duration("WIRELESS_AUTH_CACHE_TTL", Duration.ofSeconds(60))),
        s.integer("WIRELESS_MANAGEMENT_PORT", -1, -1, 65535),
        dev.wireless.server.usage.UsageSettings.from(s),
        dev.wireless.server.commands.CommandSettings.from(s),
        // a shared database is a deployment: nodes must not each add a demo account to it
        s.bool("WIRELESS_DEMO", !s.isSet("WIRELESS_DB_URL")),
        s.integer("WIRELESS_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256),
        s.integer("WIRELESS_DB_PIPELINED_CONNECTIONS", 4, 1, 64),
        corsOrigins(s),
        new SecuritySettings(s.duration("WIRELESS_HSTS_MAX_AGE", Duration.ofDays(365)),
            s.integer("WIRELESS_AUTH_FAILURE_LIMIT", 30, 0, 1_000_000),
            s.integer("WIRELESS_AUTH_FAILURE_BURST", 10, 1, 1_000_000)),
        s.duration("WIRELESS_SHUTDOWN_DRAIN", Duration.ofSeconds(5)),
        s.duration("WIRELESS_CALLBACK_RETENTION", Duration.ofDays(30)),
        s.duration("WIRELESS_CALLBACK_PURGE_INTERVAL", Duration.ofHours(1)),
        new dev.wireless.persistence.DatabaseTimeouts(
            s.duration("WIRELESS_DB_CONNECT_TIMEOUT", dev.wireless.persistence.DatabaseTimeouts.defaults().connect()),
            s.duration("WIRELESS_DB_STATEMENT_TIMEOUT", dev.wireless.persistence.DatabaseTimeouts.defaults().statement()),
            s.duration("WIRELESS_DB_IDLE_IN_TRANSACTION_TIMEOUT",
                dev.wireless.persistence.DatabaseTimeouts.defaults().idleInTransaction())),
        s.duration("WIRELESS_REQUEST_TIMEOUT", Duration.ofSeconds(10)),
        new dev.wireless.server.http.ConnectionLimits(
            s.duration("WIRELESS_HTTP_HEADER_TIMEOUT", Duration.ofSeconds(20)),
            s.duration("WIRELESS_HTTP_IDLE_TIMEOUT", Duration.ofSeconds(60)),
            s.integer("WIRELESS_HTTP_MAX_CONNECTIONS", 10_000, 1, 1_000_000),
            s.integer("WIRELESS_HTTP_MAX_CONNECTIONS_PER_CLIENT", 256, 1, 1_000_000)),
        s.parsed("WIRELESS_LOG_FORMAT", ServerConfig::jsonLogFormat, false));
  }

  /** {@code text} (the default) or {@code json}: whether access-log lines are JSON. */
  private static boolean jsonLogFormat(String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new IllegalArgumentException("must be text or json");
    };
  }

  private static ProvisioningSettings provisioning(EnvironmentReader s) {
    ProvisioningSettings d = ProvisioningSettings.defaults();
    return new ProvisioningSettings(
        s.duration("WIRELESS_CARRIER_LATENCY", d.carrierLatency()),
        s.fraction("WIRELESS_CARRIER_FAILURE_RATE", d.carrierFailureRate()),
        s.fraction("WIRELESS_CARRIER_SCHEDULED_RATE", d.carrierScheduledRate()),
        s.duration("WIRELESS_CARRIER_SCHEDULED_DELAY", d.carrierScheduledDelay()),
        s.duration("WIRELESS_SIM_CANCEL_AFTER", d.cancelAfter()),
        s.duration("WIRELESS_SIM_ACTIVATE_AFTER", d.activateAfter()),
        s.integer("WIRELESS_PROVISIONING_WORKERS", d.workers(), 0, 64),
        s.duration("WIRELESS_PROVISIONING_LEASE", d.lease()),
        s.duration("WIRELESS_PROVISIONING_POLL", d.pollInterval()));
  }

  /** The same settings with another public base URL (once the bound port is known). */
  public ServerConfig withPublicBaseUrl(String url) {
    return new ServerConfig(dataDir, dbUrl, host, port, insecureHttp, url, tlsCertPath, tlsKeyPath, maxBodyBytes,
        accessTokenTtl, dbPoolSize, provisioning, callbacks, masterKey, limits,
        managementPort, usage, commands, demo, eventLoops, dbPipelinedConnections, corsOrigins, security,
        shutdownDrain, callbackRetention, callbackPurgeInterval,
        dbTimeouts, requestTimeout, connectionLimits, jsonAccessLog);
  }

  /** The master key sealing callback signing keys (created in the data directory on first use). */
  public SecretBox secretBox() {
    return masterKey != null ? SecretBox.fromBase64(masterKey)
        : SecretBox.fromKeyFile(dataDir.resolve("secrets").resolve("master.key"));
  }

  private static String checkedDbUrl(String url) {
    if (url != null) {
      try {
        DatabaseLocation.fromUrl(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("WIRELESS_DB_URL is not usable: " + e.getMessage(), e);
      }
    }
    return url;
  }

  /** {@code WIRELESS_CORS_ORIGINS}: a comma list of origins; unset or {@code *} allows any. */
  private static java.util.List<String> corsOrigins(EnvironmentReader s) {
    if ("*".equals(s.text("WIRELESS_CORS_ORIGINS", null))) {
      return java.util.List.of();
    }
    java.util.List<String> origins = new java.util.ArrayList<>();
    for (String entry : s.list("WIRELESS_CORS_ORIGINS")) {
      String origin = stripTrailingSlash(entry).toLowerCase(java.util.Locale.ROOT);
      if (!origin.matches("https?://[^/\\s?#*]+")) {
        throw new IllegalArgumentException("WIRELESS_CORS_ORIGINS: '" + entry
            + "' is not an origin such as https://app.example.com or http://localhost:3000");
      }
      origins.add(origin);
    }
    return java.util.List.copyOf(origins);
  }

  private static String stripTrailingSlash(String url) {
    return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
