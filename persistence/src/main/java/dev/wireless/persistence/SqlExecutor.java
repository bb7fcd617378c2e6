package dev.wireless.persistence;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
   * {@code DSL.param(type)} placeholders and pass the values in their order of appearance; or, when
   * one value appears several times (a union reading the same account from two tables), with named
   * {@code DSL.param("name", type)} placeholders and a value per name: every appearance of a name
   * becomes the same {@code $n}, which Postgres allows.
   */
  public static final class Template {

    private static final Pattern NAMED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern POSITIONAL = Pattern.compile("\\$[0-9]");

    private final String sql;
    private final int parameters;
    /** The placeholder names in the order of their {@code $n}; empty for positional values. */
    private final List<String> names;

    private Template(String sql, int parameters, List<String> names) {
      this.sql = sql;
      this.parameters = parameters;
      this.names = names;
    }

    /** Renders {@code query}; its placeholders are either all unnamed or all named ({@code DSL.param}). */
    public static Template of(Query query) {
      String rendered = SQL.renderNamedParams(query);
      int values = SQL.extractBindValues(query).size();
      if (values == 0 || POSITIONAL.matcher(rendered).find()) {
        return new Template(rendered, values, List.of());
      }
      List<String> names = new ArrayList<>();
      StringBuilder sql = new StringBuilder();
      Matcher named = NAMED.matcher(rendered);
      while (named.find()) {
        int index = names.indexOf(named.group(1));
        if (index < 0) {
          names.add(named.group(1));
          index = names.size() - 1;
        }
        named.appendReplacement(sql, Matcher.quoteReplacement("$" + (index + 1)));
      }
      named.appendTail(sql);
      return new Template(sql.toString(), names.size(), List.copyOf(names));
    }

    /** Runs the query with {@code values}, in the order of the unnamed placeholders. */
    public Future<RowSet<Row>> execute(SqlClient client, Object... values) {
      if (!names.isEmpty() || values.length != parameters) {
        throw new IllegalArgumentException("expected " + (names.isEmpty() ? parameters + " values" : "values for "
            + names) + " for " + sql);
      }
      Tuple tuple = Tuple.tuple();
      for (Object value : values) {
        tuple.addValue(toClientValue(value));
      }
      return client.preparedQuery(sql).execute(tuple).recover(DatabaseErrors::translate);
    }

    /** Runs the query with one value per placeholder name (no more, no fewer). */
    public Future<RowSet<Row>> execute(SqlClient client, Map<String, ?> values) {
      if (names.isEmpty() || !values.keySet().equals(new HashSet<>(names))) {
        throw new IllegalArgumentException("expected values for " + names + ", got " + values.keySet());
      }
      Tuple tuple = Tuple.tuple();
      for (String name : names) {
        tuple.addValue(toClientValue(values.get(name)));
      }
      return client.preparedQuery(sql).execute(tuple).recover(DatabaseErrors::translate);
    }

    /** The SQL sent (for tests). */
    public String sql() {
      return sql;
    }

    /** The placeholder names, in the order of their {@code $n} (empty when they are unnamed). */
    public List<String> names() {
      return names;
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
