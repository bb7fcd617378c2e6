package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.JSON;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The one bridge between jOOQ and the Vert.x PG client: a query built with the generated jOOQ
 * classes is rendered with {@code $n} placeholders, its bind values become a {@link Tuple}, and it
 * runs as a prepared statement on whatever {@link SqlClient} is given — the pool, or the connection
 * of a transaction. Driver failures come back translated by {@link DatabaseErrors}.
 */
public final class SqlExecutor {

  /** Builds queries; never executes them itself (it has no JDBC connection). */
  public static final DSLContext SQL = DSL.using(SQLDialect.POSTGRES, new Settings()
      .withParamType(ParamType.NAMED)
      .withRenderNamedParamPrefix("$")
      .withRenderSchema(false));

  private SqlExecutor() {
  }

  /** Runs {@code query} on {@code client}. */
  public static Future<RowSet<Row>> execute(SqlClient client, Query query) {
    return client.preparedQuery(SQL.renderNamedParams(query))
        .execute(params(query))
        .recover(DatabaseErrors::translate);
  }

  /**
   * A query whose shape never changes, rendered once: for the hottest paths, where rendering the
   * jOOQ tree on every request costs more than the database round trip. Build it with unnamed
   * {@code DSL.param(type)} placeholders and pass the values in their order of appearance.
   */
  public static final class Template {

    private final String sql;
    private final int parameters;

    private Template(String sql, int parameters) {
      this.sql = sql;
      this.parameters = parameters;
    }

    public static Template of(Query query) {
      return new Template(SQL.renderNamedParams(query), SQL.extractBindValues(query).size());
    }

    public Future<RowSet<Row>> execute(SqlClient client, Object... values) {
      if (values.length != parameters) {
        throw new IllegalArgumentException("expected " + parameters + " values for " + sql);
      }
      Tuple tuple = Tuple.tuple();
      for (Object value : values) {
        tuple.addValue(toClientValue(value));
      }
      return client.preparedQuery(sql).execute(tuple).recover(DatabaseErrors::translate);
    }

    /** The SQL sent (for tests). */
    public String sql() {
      return sql;
    }
  }

  /** The bind values of {@code query}, converted to the types the Vert.x PG client accepts. */
  static Tuple params(Query query) {
    List<Object> values = SQL.extractBindValues(query);
    Tuple tuple = Tuple.tuple();
    for (Object value : values) {
      tuple.addValue(toClientValue(value));
    }
    return tuple;
  }

  static Object toClientValue(Object value) {
    if (value instanceof JSONB jsonb) {
      return jsonb.data() == null ? null : Json.decodeValue(jsonb.data());
    }
    if (value instanceof JSON json) {
      return json.data() == null ? null : Json.decodeValue(json.data());
    }
    if (value instanceof EnumType enumType) {
      return enumType.getLiteral();
    }
    if (value instanceof byte[] bytes) {
      return Buffer.buffer(bytes);
    }
    return value;
  }
}
