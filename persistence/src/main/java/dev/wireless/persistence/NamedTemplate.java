package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.Query;

/**
 * A query rendered once whose placeholders have names: build it with {@code DSL.param("name",
 * type)}, run it with a value per name. Unlike {@link SqlExecutor.Template}, whose values follow
 * the order in which placeholders appear, a name may appear several times (a union reading the same
 * account from two tables) and still takes one value: every appearance becomes the same
 * {@code $n}, which Postgres allows.
 */
public final class NamedTemplate {

  private static final Pattern NAMED = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern POSITIONAL = Pattern.compile("\\$[0-9]");

  private final String sql;
  private final List<String> names;

  private NamedTemplate(String sql, List<String> names) {
    this.sql = sql;
    this.names = names;
  }

  /** Renders {@code query}; every placeholder must be a named {@code DSL.param}. */
  public static NamedTemplate of(Query query) {
    String rendered = SQL.renderNamedParams(query);
    if (POSITIONAL.matcher(rendered).find()) {
      throw new IllegalArgumentException("every placeholder needs a name: " + rendered);
    }
    List<String> names = new ArrayList<>();
    Matcher m = NAMED.matcher(rendered);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      int index = names.indexOf(m.group(1));
      if (index < 0) {
        names.add(m.group(1));
        index = names.size() - 1;
      }
      m.appendReplacement(sql, Matcher.quoteReplacement("$" + (index + 1)));
    }
    m.appendTail(sql);
    return new NamedTemplate(sql.toString(), List.copyOf(names));
  }

  /** Runs the query with {@code values} (one per placeholder name; extra names are refused). */
  public Future<RowSet<Row>> execute(SqlClient client, Map<String, ?> values) {
    if (!values.keySet().equals(new java.util.HashSet<>(names))) {
      throw new IllegalArgumentException("expected values for " + names + ", got " + values.keySet());
    }
    Tuple tuple = Tuple.tuple();
    for (String name : names) {
      tuple.addValue(SqlExecutor.toClientValue(values.get(name)));
    }
    return client.preparedQuery(sql).execute(tuple).recover(DatabaseErrors::translate);
  }

  /** The SQL sent (for tests). */
  public String sql() {
    return sql;
  }

  /** The placeholder names, in the order of their {@code $n}. */
  public List<String> names() {
    return names;
  }
}
