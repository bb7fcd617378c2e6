package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.concurrent.TimeUnit;

/** A throw-away embedded Postgres with the migrations applied, and a pool on it, for one test class. */
public final class TestDatabase implements AutoCloseable {

  private final EmbeddedDatabase database;
  private final Vertx vertx;
  private final Pool pool;

  private TestDatabase(PoolOptions options) {
    database = EmbeddedDatabase.startTemporary();
    Migrations.migrate(database.location());
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().with(options).connectingTo(database.location().connectOptions()).using(vertx).build();
  }

  public static TestDatabase start() {
    return new TestDatabase(new PoolOptions());
  }

  public static TestDatabase start(PoolOptions options) {
    return new TestDatabase(options);
  }

  public Pool pool() {
    return pool;
  }

  DatabaseLocation location() {
    return database.location();
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(pool.close());
    await(vertx.close());
    database.close();
  }
}
