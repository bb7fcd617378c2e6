import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;

/**
 * Build-time step (run by exec-maven-plugin as a single-file program): starts a throw-away
 * embedded Postgres, applies the real Flyway migrations and generates jOOQ classes from the
 * migrated schema, so the generated code always matches what production runs.
 * Arguments: migrationsDir outputDir package.
 */
public class JooqCodegen {
  public static void main(String[] args) throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      Flyway.configure().dataSource(url, "postgres", "postgres")
          .locations("filesystem:" + args[0]).loggers("slf4j").load().migrate();
      GenerationTool.generate(new Configuration()
          .withLogging(Logging.WARN)
          .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
              .withUser("postgres").withPassword("postgres"))
          .withGenerator(new Generator()
              .withDatabase(new Database()
                  .withName("org.jooq.meta.postgres.PostgresDatabase")
                  .withInputSchema("public")
                  .withExcludes("flyway_schema_history"))
              .withGenerate(new Generate().withPojos(false).withRecords(true)
                  .withFluentSetters(true).withDaos(false))
              .withTarget(new Target().withPackageName(args[2]).withDirectory(args[1]))));
    }
  }
}
