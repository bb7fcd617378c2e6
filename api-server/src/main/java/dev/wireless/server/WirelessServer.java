package dev.wireless.server;

import dev.wireless.persistence.DatabaseRuntime;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import dev.wireless.server.accounts.DemoAccount;
import dev.wireless.server.config.MasterKeyCheck;
import dev.wireless.server.config.ServerConfig;
import dev.wireless.server.config.TlsSetup;
import dev.wireless.server.http.ErrorMapper;
import dev.wireless.server.http.ApiRouter;
import dev.wireless.server.http.RateLimiter;
import dev.wireless.server.ingestion.OperatorToken;
import dev.wireless.server.ingestion.UsageJobs;
import dev.wireless.server.idempotency.IdempotentRequests;
import dev.wireless.server.ops.CallbackMetrics;
import dev.wireless.server.ops.ConsoleRoutes;
import dev.wireless.server.ops.OpsRoutes;
import dev.wireless.server.ops.Telemetry;
import dev.wireless.server.ops.QueueGauges;
import dev.wireless.server.ops.RequestTelemetry;
import dev.wireless.server.sims.ProvisioningWorkers;
import dev.wireless.callbacks.CallbackRetention;
import dev.wireless.server.ops.Draining;
import dev.wireless.server.commands.CommandWorkers;
import dev.wireless.callbacks.dispatch.CallbackDispatcher;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.signing.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.netty.channel.EventLoop;
import dev.wireless.persistence.EventLoopPool;
import dev.wireless.server.http.HttpListeners;
import dev.wireless.server.http.HttpSecurity;
import dev.wireless.server.http.ListenerGuard;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running platform node: its database (embedded or configured, migrated at start), the
 * connection pool, the services and the HTTPS listener. Stateless apart from the database, so
 * several nodes can share one Postgres.
 */
public final class WirelessServer {

  private static final Logger LOG = LoggerFactory.getLogger(WirelessServer.class);

  private final Vertx vertx;
  private final DatabaseRuntime database;
  private final Pool pool;
  private final HttpListeners http;
  private final int port;
  private final String baseUrl;
  private final NewCredentials demo;
  private final ProvisioningWorkers workers;
  private final String dispatcherDeployment;
  private final SecretBox secrets;
  private final HttpServer management;
  private final CommandWorkers commandWorkers;
  private final dev.wireless.server.accounts.CredentialCache credentials;
  private final UsageJobs usageJobs;
  private final Draining draining;
  private final java.time.Duration drain;
  private final CallbackRetention callbackRetention;

  private WirelessServer(Vertx vertx, DatabaseRuntime database, Pool pool, HttpListeners http, int port,
                         String baseUrl,
                         NewCredentials demo, ProvisioningWorkers workers, String dispatcherDeployment,
                         SecretBox secrets, HttpServer management, CommandWorkers commandWorkers,
                         dev.wireless.server.accounts.CredentialCache credentials, UsageJobs usageJobs,
                         Draining draining, java.time.Duration drain, CallbackRetention callbackRetention) {
    this.draining = draining;
    this.drain = drain;
    this.callbackRetention = callbackRetention;
    this.credentials = credentials;
    this.usageJobs = usageJobs;
    this.vertx = vertx;
    this.database = database;
    this.pool = pool;
    this.http = http;
    this.port = port;
    this.baseUrl = baseUrl;
    this.demo = demo;
    this.workers = workers;
    this.dispatcherDeployment = dispatcherDeployment;
    this.secrets = secrets;
    this.management = management;
    this.commandWorkers = commandWorkers;
  }

  /** Opens the database, migrates it, and starts listening; fails with a readable cause. */
  public static Future<WirelessServer> start(Vertx vertx, ServerConfig config) {
    HttpServerOptions options = new HttpServerOptions().setHost(config.host())
        .setPort(HttpListeners.listenPort(config.port()))
        .setCompressionSupported(true).setMaxInitialLineLength(ApiRouter.MAX_REQUEST_LINE)
        .setIdleTimeout((int) config.connectionLimits().idleTimeout().toMillis())
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS);
    AtomicReference<SecretBox> secrets = new AtomicReference<>();
    AtomicReference<HttpServer> management = new AtomicReference<>();
    AtomicReference<OperatorToken> operatorToken = new AtomicReference<>();
    Draining draining = new Draining();
    // the contract needs no database: it is read on another worker thread while the database opens
    Future<ApiRouter.LoadedContract> contract = vertx.<Future<ApiRouter.LoadedContract>>executeBlocking(
        () -> ApiRouter.loadContract(vertx), false).compose(loaded -> loaded);
    return vertx.executeBlocking(() -> {
      operatorToken.set(OperatorToken.resolve(config.usage().operatorToken(), config.dataDir()));
      if (operatorToken.get().generated()) {
        LOG.info("operator token (network ingestion, device simulator) is in {}",
            config.dataDir().resolve("secrets").resolve("operator.token"));
      }
      String tls = config.insecureHttp() ? "plain HTTP (WIRELESS_INSECURE_HTTP=true)" : TlsSetup.apply(options, config);
      Telemetry.registerTlsEngine(TlsSetup.engine(options));
      DatabaseRuntime database = DatabaseRuntime.open(config.dbUrl(), config.dataDir());
      try {
        int applied = Migrations.migrate(database.location());
        LOG.info("database {} ready ({} migrations applied); {}", database.location(), applied, tls);
        return database;
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    }).compose(database -> {
      Pool pool = EventLoopPool.create(vertx, database.location().connectOptions(), config.dbPoolSize(),
          config.dbPipelinedConnections(), config.dbTimeouts());
      AtomicReference<Router> router = new AtomicReference<>();
      AtomicReference<ErrorMapper> errors = new AtomicReference<>(new ErrorMapper(""));
      HttpSecurity security = HttpSecurity.of(config.security(), config.callbacks().addressPolicy());
      ListenerGuard guard = new ListenerGuard(vertx, config.connectionLimits(), config.requestTimeout(), errors::get);
      Handler<HttpServerRequest> requests = guard.requests(request -> {
        security.headers().apply(request);
        draining.mark(request);
        Router current = router.get();
        if (current == null) {
          errors.get().notReady(request);
        } else {
          current.handle(request);
        }
      });
      Handler<HttpServerRequest> invalidRequests = request -> {
        security.headers().apply(request);
        errors.get().invalidRequest(request);
      };
      HttpServer http = HttpListeners.server(vertx, options, requests, invalidRequests, guard.connections());
      EventLoop firstLoop = HttpListeners.currentLoop(vertx);
      AtomicReference<HttpListeners> listeners = new AtomicReference<>();
      return MasterKeyCheck.resolve(pool, config).compose(box -> {
        secrets.set(box);
        return http.listen();
      }).compose(bound -> {
        ServerConfig resolved = config.publicBaseUrl() != null ? config
            : config.withPublicBaseUrl((config.insecureHttp() ? "http" : "https") + "://localhost:" + bound.actualPort());
        errors.set(new ErrorMapper(resolved.publicBaseUrl()));
        CommandWorkers commandWorkers = BackgroundWork.commandWorkers(vertx, pool, config);
        Services services = new Services(pool, resolved, secrets.get(), commandWorkers::wake);
        services.credentials().start(vertx, pool);
        return contract.map(loaded -> ApiRouter.create(vertx, loaded, resolved.publicBaseUrl(), config.maxBodyBytes(),
                services.authenticator(), operatorToken.get(), new RateLimiter(config.limits().requestsPerSecond(), config.limits().burst()),
                new IdempotentRequests(pool, config.limits().idempotencyTtl()),
                dev.wireless.server.http.CorsPolicy.allowing(config.corsOrigins()), security,
                new RequestTelemetry(config.jsonAccessLog()), services::bind))
            .compose(built -> {
              OpsRoutes.mountDocs(built);
              ConsoleRoutes.mount(built);
              if (config.managementPort() < 0) {
                OpsRoutes.mountOperator(built, pool, database::live, draining::active);
              }
              QueueGauges.start(vertx, pool, 5_000);
              router.set(built);
              return HttpListeners.alongside(vertx, bound, firstLoop, options, requests, invalidRequests,
                  guard.connections());
            })
            .compose(all -> {
              listeners.set(all);
              return startManagement(vertx, pool, config, database, draining).map(server -> {
                management.set(server);
                return null;
              });
            })
            .compose(v -> config.demo()
                ? DemoAccount.ensure(vertx, config.dataDir(), services.accounts(), services::seedDemoFleet)
                : Future.<NewCredentials>succeededFuture(null))
            .compose(demo -> vertx.deployVerticle(new CallbackDispatcher(pool, config.callbacks(),
                    new DatabaseSigningKeys(pool, secrets.get()), new CallbackMetrics(Telemetry.registry())))
                .map(dispatcher -> new WirelessServer(vertx, database, pool, listeners.get(), bound.actualPort(),
                    resolved.publicBaseUrl(), demo,
                    BackgroundWork.provisioningWorkers(vertx, pool, config).start(), dispatcher, secrets.get(), management.get(),
                    commandWorkers.start(), services.credentials(),
                    BackgroundWork.usageJobs(vertx, pool, services, demo, config), draining, config.shutdownDrain(),
                    new CallbackRetention(vertx, pool, config.callbackRetention(), config.callbackPurgeInterval())
                        .start())));
      }).onFailure(e -> {
        if (listeners.get() != null) {
          listeners.get().close();
        }
        pool.close();
        database.close();
      });
    });
  }

  /** Health and metrics on their own plain-HTTP port when {@code WIRELESS_MANAGEMENT_PORT} is set. */
  private static Future<HttpServer> startManagement(Vertx vertx, Pool pool, ServerConfig config,
                                                   DatabaseRuntime database, Draining draining) {
    if (config.managementPort() < 0) {
      return Future.succeededFuture();
    }
    Router management = Router.router(vertx);
    OpsRoutes.mountOperator(management, pool, database::live, draining::active);
    return vertx.createHttpServer().requestHandler(management).listen(config.managementPort(), config.host());
  }

  /** Runs the callback retention purge now; returns how many delivered callbacks were deleted. */
  public Future<Integer> purgeCallbacks() {
    return callbackRetention.purge();
  }

  /** Runs the Command retention purge now; returns how many Commands were deleted. */
  public Future<Integer> purgeCommands() {
    return commandWorkers.retention().purge();
  }

  /** The management port, or -1 when health and metrics are served on the API port. */
  public int managementPort() {
    return management == null ? -1 : management.actualPort();
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The demo account's credentials; null when {@code WIRELESS_DEMO} is off. */
  public NewCredentials demoCredentials() {
    return demo;
  }

  /** The master key box this node seals signing keys with (tests creating accounts directly need it). */
  public SecretBox secrets() {
    return secrets;
  }

  public DatabaseRuntime database() {
    return database;
  }

  /**
   * The graceful stop (SIGTERM): readiness 503 and {@code Connection: close} at once; workers,
   * dispatcher and purges stop claiming and hand their leases back; requests are served for the
   * drain ({@code WIRELESS_SHUTDOWN_DRAIN}) so a load balancer takes the node out; then the
   * listeners close once their requests are answered, then the pool and an embedded database.
   */
  public Future<Void> stop() {
    draining.begin();
    LOG.info("shutting down: /health/ready answers 503, serving for {} ms more", drain.toMillis());
    long began = System.nanoTime();
    callbackRetention.stop();
    Future<Void> handedBack = usageJobs.stop()
        .eventually(() -> workers.stop())
        .eventually(() -> commandWorkers.stop())
        .eventually(() -> vertx.undeploy(dispatcherDeployment));
    io.vertx.core.Promise<Void> drained = io.vertx.core.Promise.promise();
    vertx.setTimer(Math.max(1, drain.toMillis()), id -> drained.complete());
    return Future.join(handedBack, drained.future())
        .eventually(() -> {
          LOG.info("work handed back and drain over after {} ms; closing the listeners",
              java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
          return http.shutdown(java.time.Duration.ofSeconds(10));
        })
        .eventually(() -> management == null ? Future.<Void>succeededFuture() : management.close())
        .eventually(() -> credentials.stop())
        .eventually(() -> pool.close())
        .eventually(() -> vertx.executeBlocking(() -> {
          database.close();
          return null;
        }))
        .mapEmpty();
  }
}
