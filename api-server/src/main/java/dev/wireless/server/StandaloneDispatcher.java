package dev.wireless.server;

import dev.wireless.server.ops.CallbackMetrics;
import dev.wireless.server.ops.Telemetry;
import dev.wireless.callbacks.dispatch.CallbackDispatcher;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.persistence.DatabaseRuntime;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.config.MasterKeyCheck;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import dev.wireless.server.ops.OpsRoutes;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * {@code wireless-server.jar dispatcher}: only the callback dispatcher, for scaling delivery out
 * beside the API nodes. It competes with every other dispatcher on the same database for due
 * callbacks (the claim leases each to one dispatcher), so any number can run; a killed one's work
 * is taken over once its leases expire. Needs the same {@code WIRELESS_MASTER_KEY} as the API nodes.
 * With {@code WIRELESS_MANAGEMENT_PORT} it serves the API nodes' {@code /health/live},
 * {@code /health/ready} and {@code /metrics}; on SIGTERM it stops within about two seconds.
 */
final class StandaloneDispatcher {

  /** How long a stop may take (the hand-back of claimed work); well under a supervisor's patience. */
  private static final long STOP_BUDGET_MS = 2_000;

  private StandaloneDispatcher() {
  }

  static void run(ServerConfig config) throws Exception {
    Vertx vertx = Telemetry.newVertx(config.eventLoops());
    DatabaseRuntime database = DatabaseRuntime.open(config.dbUrl(), config.dataDir());
    Migrations.migrate(database.location());
    Pool pool = PgBuilder.pool().with(config.dbTimeouts().applyTo(new PoolOptions().setMaxSize(config.dbPoolSize())))
        .with(config.dbTimeouts().applyTo(new io.vertx.core.net.NetClientOptions()))
        .connectingTo(config.dbTimeouts().applyTo(database.location().connectOptions())).using(vertx).build();
    String deployment = MasterKeyCheck.resolve(pool, config).compose(box -> vertx.deployVerticle(
            new CallbackDispatcher(pool, config.callbacks(), new DatabaseSigningKeys(pool, box),
                new CallbackMetrics(Telemetry.registry()))))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    HttpServer management = null;
    if (config.managementPort() >= 0) {
      Router routes = Router.router(vertx);
      OpsRoutes.mountOperator(routes, pool, database::live, () -> false);
      management = vertx.createHttpServer().requestHandler(routes).listen(config.managementPort(), config.host())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      System.out.println("Health and metrics on http://" + config.host() + ":" + management.actualPort());
    }
    System.out.println("Callback dispatcher running against " + database.location());
    HttpServer health = management;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      long started = System.nanoTime();
      try {
        // the dispatcher hands back what it has not sent; anything on the wire is rescued when its lease expires
        (health == null ? Future.<Void>succeededFuture() : health.close())
            .eventually(() -> vertx.undeploy(deployment).timeout(STOP_BUDGET_MS, TimeUnit.MILLISECONDS))
            .eventually(pool::close)
            .toCompletionStage().toCompletableFuture().get(STOP_BUDGET_MS + 500, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        System.err.println("dispatcher shutdown did not complete cleanly: " + Main.rootMessage(e));
      } finally {
        vertx.close();
        database.close();
        System.out.println("dispatcher stopped after " + (System.nanoTime() - started) / 1_000_000 + " ms");
      }
    }, "wireless-dispatcher-shutdown"));
  }
}
