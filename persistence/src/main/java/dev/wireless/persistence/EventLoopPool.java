package dev.wireless.persistence;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connection pools per Vert.x event loop, behind the plain {@link Pool} interface. A request is
 * handled on one event loop from start to end; with a single shared pool its query would often run
 * on a connection owned by another event loop, and every answer would cross threads (a task
 * hand-off and a wake-up per query). Here each event loop only ever uses connections that live on
 * it. Calls from outside an event loop (start-up, CLI commands, worker threads) use the first one.
 *
 * <p>Transactions ({@link #getConnection}, {@code withTransaction}) take a connection of their
 * own. Single statements ({@link #query}, {@link #preparedQuery}: they commit on their own) go to
 * a few pipelined connections instead, several statements in flight on each: Postgres then reads
 * and answers them back to back instead of sleeping and waking for every one, which halved its
 * CPU time per fetch in the benchmark.
 */
public final class EventLoopPool implements Pool {

  private final Map<EventLoop, Pool> byLoop = new IdentityHashMap<>();
  private final Map<EventLoop, SqlClient> pipelinedByLoop = new IdentityHashMap<>();
  private final List<Pool> pools = new ArrayList<>();
  private final List<SqlClient> pipelined = new ArrayList<>();

  private EventLoopPool() {
  }

  /**
   * @param totalSize          connections for transactions in all, shared out evenly between the
   *                           event loops (at least one each)
   * @param pipelinedPerLoop   connections per event loop for single statements, each carrying
   *                           several statements at once
   */
  public static Pool create(Vertx vertx, PgConnectOptions connect, int totalSize, int pipelinedPerLoop) {
    return create(vertx, connect, totalSize, pipelinedPerLoop, DatabaseTimeouts.defaults());
  }

  /** As above, with {@code timeouts} bounding every connect, wait for a connection and statement. */
  public static Pool create(Vertx vertx, PgConnectOptions connect, int totalSize, int pipelinedPerLoop,
                            DatabaseTimeouts timeouts) {
    EventLoopPool pool = new EventLoopPool();
    List<EventLoop> loops = new ArrayList<>();
    for (EventExecutor executor : ((VertxInternal) vertx).nettyEventLoopGroup()) {
      loops.add((EventLoop) executor);
    }
    int each = Math.max(1, (totalSize + loops.size() - 1) / loops.size());
    for (EventLoop loop : loops) {
      String name = "wireless-db-" + pool.pools.size();
      Pool one = PgBuilder.pool().with(timeouts.applyTo(new PoolOptions().setMaxSize(each).setName(name)))
          .with(timeouts.applyTo(new NetClientOptions().setMetricsName(name)))
          .connectingTo(timeouts.applyTo(named(connect, name))).using(vertx).build();
      pool.byLoop.put(loop, one);
      pool.pools.add(one);
      String pipeName = "wireless-db-pipelined-" + pool.pipelined.size();
      SqlClient pipe = PgBuilder.client()
          .with(timeouts.applyTo(new PoolOptions().setMaxSize(pipelinedPerLoop).setName(pipeName)))
          .with(timeouts.applyTo(new NetClientOptions().setMetricsName(pipeName)))
          .connectingTo(timeouts.applyTo(named(connect, pipeName))).using(vertx).build();
      pool.pipelinedByLoop.put(loop, pipe);
      pool.pipelined.add(pipe);
    }
    return pool;
  }

  /** The options with a metrics name, so each set of connections has metrics of its own. */
  private static PgConnectOptions named(PgConnectOptions connect, String name) {
    PgConnectOptions copy = new PgConnectOptions(connect);
    copy.setMetricsName(name);
    return copy;
  }

  private SqlClient currentPipelined() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal) {
      SqlClient own = pipelinedByLoop.get(internal.nettyEventLoop());
      if (own != null) {
        return own;
      }
    }
    return pipelined.get(0);
  }

  private Pool current() {
    Context context = Vertx.currentContext();
    if (context instanceof ContextInternal internal) {
      Pool own = byLoop.get(internal.nettyEventLoop());
      if (own != null) {
        return own;
      }
    }
    return pools.get(0);
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return current().getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return currentPipelined().query(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return currentPipelined().preparedQuery(sql);
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return currentPipelined().preparedQuery(sql, options);
  }

  /** Connections open in all pools. */
  @Override
  public int size() {
    return pools.stream().mapToInt(Pool::size).sum();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    pools.forEach(p -> closing.add(p.close()));
    pipelined.forEach(p -> closing.add(p.close()));
    return Future.join(closing).mapEmpty();
  }
}
