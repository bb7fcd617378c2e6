package dev.wireless.persistence;

import io.vertx.pgclient.PgConnectOptions;

/**
 * Where the platform's Postgres is and how to log in, in the two forms the platform needs:
 * JDBC for Flyway at start-up, {@link PgConnectOptions} for the reactive client that serves traffic.
 */
public record DatabaseLocation(String host, int port, String database, String user, String password) {

  /**
   * Parses {@code postgresql://user:password@host:port/database} (also {@code postgres://} and a
   * {@code jdbc:} prefix, and user/password as query parameters).
   *
   * @throws IllegalArgumentException naming what is wrong with the URL
   */
  public static DatabaseLocation fromUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("the database URL is empty");
    }
    String normalized = url.trim();
    if (normalized.startsWith("jdbc:")) {
      normalized = normalized.substring("jdbc:".length());
    }
    if (normalized.startsWith("postgres://")) {
      normalized = "postgresql://" + normalized.substring("postgres://".length());
    }
    if (!normalized.startsWith("postgresql://")) {
      throw new IllegalArgumentException("the database URL must start with postgresql:// (got '"
          + redact(url) + "')");
    }
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(normalized);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the database URL '" + redact(url) + "' cannot be parsed: "
          + e.getMessage(), e);
    }
    if (options.getHost() == null || options.getHost().isBlank()) {
      throw new IllegalArgumentException("the database URL '" + redact(url) + "' has no host");
    }
    return new DatabaseLocation(options.getHost(), options.getPort(), options.getDatabase(),
        options.getUser(), options.getPassword());
  }

  /** The JDBC URL (without credentials) for Flyway. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Connection options for the Vert.x PG client. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
        .setUser(user).setPassword(password)
        .setCachePreparedStatements(true)
        .setPreparedStatementCacheMaxSize(512)
        .setPipeliningLimit(256);
  }

  private static String redact(String url) {
    return url.replaceAll("://([^:/@]+):[^@]*@", "://$1:***@");
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
