package dev.wireless.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Refuses a database URL that leads to a connection pooler in transaction (or statement) mode,
 * such as PgBouncer with {@code pool_mode = transaction}: the platform keeps named prepared
 * statements per connection and LISTENs on connections, both of which need one server session
 * per connection and fail at random behind such a pooler (while {@code SELECT 1} still works).
 *
 * <p>How: connection A asks for its server process id, connection B then opens a transaction
 * (behind a transaction pooler it takes the server A just released), and A asks again. Against
 * Postgres, or a pooler in session mode, A keeps its server; behind a transaction pooler it gets
 * another one.
 */
public final class PoolerCheck {

  private PoolerCheck() {
  }

  /** @throws IllegalStateException naming the problem and the fix */
  public static void refuseTransactionPooling(DatabaseLocation location) {
    Properties login = new Properties();
    login.setProperty("user", location.user());
    login.setProperty("password", location.password() == null ? "" : location.password());
    login.setProperty("connectTimeout", "10");
    login.setProperty("socketTimeout", "10");
    login.setProperty("preferQueryMode", "simple");
    try (Connection a = DriverManager.getConnection(location.jdbcUrl(), login);
         Connection b = DriverManager.getConnection(location.jdbcUrl(), login)) {
      int first = backendPid(a);
      b.setAutoCommit(false);
      backendPid(b);
      int second = backendPid(a);
      b.rollback();
      if (first != second) {
        throw new IllegalStateException("WIRELESS_DB_URL (" + location + ") leads to a connection pooler in"
            + " transaction mode (one connection was served by two Postgres sessions): the platform needs"
            + " session pooling (PgBouncer pool_mode = session) or a direct connection to Postgres");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the database connection " + location + ": " + e.getMessage(), e);
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
