package dev.wireless.persistence;

import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations in {@code db/migration} (this module's resources). */
public final class Migrations {

  private Migrations() {
  }

  /** Brings the schema up to date; returns how many migrations ran. */
  public static int migrate(DatabaseLocation location) {
    return Flyway.configure()
        .dataSource(location.jdbcUrl(), location.user(), location.password())
        .locations("classpath:db/migration")
        .loggers("slf4j")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
