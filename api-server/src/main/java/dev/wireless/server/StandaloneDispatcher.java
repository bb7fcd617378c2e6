package dev.wireless.server;

import dev.wireless.server.ops.CallbackMetrics;
import dev.wireless.server.ops.Telemetry;
import dev.wireless.callbacks.dispatch.CallbackDispatcher;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.persistence.DatabaseRuntime;
import dev.wireless.persistence.Migrations;
import dev.wireless.server.config.ServerConfig;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/**
 * {@code wireless-server.jar dispatcher}: only the callback dispatcher, for scaling delivery out
 * beside the API nodes. It competes with every other dispatcher on the same database for due
 * callbacks ({@code FOR UPDATE SKIP LOCKED} + leases), so any number can run; a killed one's work
 * is rescued when its leases expire. Needs the same {@code WIRELESS_MASTER_KEY} as the API nodes.
 */
final class StandaloneDispatcher {

  private StandaloneDispatcher() {
  }

  static void run(ServerConfig config) throws Exception {
    Vertx vertx = Telemetry.newVertx(config.eventLoops());
    DatabaseRuntime database = DatabaseRuntime.open(config.dbUrl(), config.dataDir());
    Migrations.migrate(database.location());
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.dbPoolSize()))
        .connectingTo(database.location().connectOptions()).using(vertx).build();
    String deployment = vertx.deployVerticle(new CallbackDispatcher(pool, config.callbacks(),
            new DatabaseSigningKeys(pool, config.secretBox()), new CallbackMetrics(Telemetry.registry())))
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("Callback dispatcher running against " + database.location());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.undeploy(deployment).eventually(pool::close).eventually(vertx::close)
            .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("dispatcher shutdown did not complete cleanly: " + e.getMessage());
      } finally {
        database.close();
      }
    }, "wireless-dispatcher-shutdown"));
  }
}
