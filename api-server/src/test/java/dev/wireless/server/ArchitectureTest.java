package dev.wireless.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;

/**
 * The server's package layering, checked on the compiled classes so that a new import cannot
 * quietly bring a cycle back.
 *
 * <p>The directions: {@code errors} (codes, the API exception, the error dictionary) and
 * {@code common} depend on no other package and every layer may use them; {@code http} (router,
 * validation, the one error mapper) depends only on {@code errors}, {@code common} and
 * {@code idempotency}; the request telemetry of {@code ops} is a hook handed to the router, so
 * {@code ops} depends on {@code http} and never the reverse; domain packages throw {@code errors}
 * exceptions and are bound by {@code http}; SIM provisioning lives in {@code sims}, which other
 * domains ({@code usage}) ask, while the job engine every worker pool runs on lives in the
 * persistence module; {@code config} reads the environment into each package's settings and so
 * sits above them.
 *
 * <p>Every table has one owning package ({@link #TABLE_OWNERS}); only its classes insert, update,
 * merge or delete rows of it, and another package that needs a change asks the owner (a method of
 * the owner's repository, run on the caller's transaction when it must commit with the caller's
 * work). So a table's invariants (a SIM's state machine, a job's lease) are kept in one place.
 * Reads across packages stay allowed: a join of the owner's table into another package's query
 * (ingestion locking the SIMs and their rate plans of a batch, Commands checking the SIM they
 * target) is one statement where asking each owner would be one round trip per table, and a read
 * cannot break the owner's invariants. The callback tables belong to the callbacks module, which
 * the server writes only through that module's classes.
 */
@AnalyzeClasses(packages = "dev.wireless.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * The one adapter over Vert.x internals (inline validation steps, the date-time format, the
   * routing context's body, the connection's request decoder), its uses pinned by
   * {@code VertxInternalsTest}; no other class may reach into an {@code impl} package.
   */
  static final Set<String> VERTX_INTERNALS_ALLOWED = Set.of("dev.wireless.server.http.VertxInternals");

  /** Each table's owning package: the only one whose classes write it (see {@link TableOwnership}). */
  static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
      Map.entry("accounts", "dev.wireless.server.accounts"),
      Map.entry("access_tokens", "dev.wireless.server.accounts"),
      Map.entry("rate_plans", "dev.wireless.server.rateplans"),
      Map.entry("sims", "dev.wireless.server.sims"),
      Map.entry("provisioning_jobs", "dev.wireless.server.sims"),
      Map.entry("commands", "dev.wireless.server.commands"),
      Map.entry("command_jobs", "dev.wireless.server.commands"),
      Map.entry("idempotency_keys", "dev.wireless.server.idempotency"),
      Map.entry("network_events", "dev.wireless.server.ingestion"),
      Map.entry("sim_usage_state", "dev.wireless.server.usage"),
      Map.entry("data_sessions", "dev.wireless.server.usage"),
      Map.entry("usage_sim_hourly", "dev.wireless.server.usage"),
      Map.entry("usage_account_hourly", "dev.wireless.server.usage"),
      Map.entry("usage_account_daily", "dev.wireless.server.usage"),
      Map.entry("callback_deliveries", "dev.wireless.callbacks"),
      Map.entry("callback_attempts", "dev.wireless.callbacks"),
      Map.entry("alerts", "dev.wireless.callbacks"),
      Map.entry("webhook_secrets", "dev.wireless.callbacks"),
      Map.entry("account_signing_keys", "dev.wireless.callbacks"));

  /**
   * Foreign writes still to be moved to the owner's repository (class -> tables); the list only
   * shrinks, and is empty: ReadyActivation asks {@code sims}' job repository to make an activation
   * due, and ingestion's Enforcement asks {@code usage} to store each SIM's counters.
   */
  static final Map<String, Set<String>> FOREIGN_WRITES_TO_MOVE = Map.of();

  @ArchTest
  static final ArchRule onlyATablesOwnerWritesIt =
      classes().that().resideInAPackage("dev.wireless.server..")
          .should(TableOwnership.writeOnlyOwnedTables(TABLE_OWNERS, FOREIGN_WRITES_TO_MOVE));

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.wireless.server.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule errorsDependOnNoOtherLayer =
      noClasses().that().resideInAPackage("dev.wireless.server.errors..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.wireless.server.http..",
              "dev.wireless.server.ops..", "dev.wireless.server.sims..", "dev.wireless.server.commands..",
              "dev.wireless.server.usage..", "dev.wireless.server.idempotency..", "dev.wireless.server.config..");

  @ArchTest
  static final ArchRule httpDoesNotDependOnOperations =
      noClasses().that().resideInAPackage("dev.wireless.server.http..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.wireless.server.ops..",
              "dev.wireless.server.config..");

  @ArchTest
  static final ArchRule onlyListedClassesUseVertxInternals =
      noClasses().that(outside(VERTX_INTERNALS_ALLOWED))
          .should().dependOnClassesThat().resideInAPackage("io.vertx..impl..");

  /**
   * One repository shape (persistence README, "How to write SQL here"): a repository is created on
   * the client it runs on, the pool or a transaction's connection, so none of its static methods
   * takes a client or returns a {@code Future} of database work; and statements live in
   * repositories, not in separate {@code *Sql} classes.
   */
  @ArchTest
  static final ArchRule repositoriesAreCreatedOnTheirClient =
      methods().that().areDeclaredInClassesThat().haveSimpleNameEndingWith("Repository").and().areStatic()
          .should(RepositoryShape.notRunStatementsStatically());

  @ArchTest
  static final ArchRule statementsLiveInRepositories =
      noClasses().should().haveSimpleNameEndingWith("Sql");

  /** Classes other than the named ones and their nested, anonymous and lambda classes. */
  private static DescribedPredicate<JavaClass> outside(Set<String> allowed) {
    return DescribedPredicate.describe("are not one of " + allowed, type -> {
      String name = type.getName();
      int nested = name.indexOf('$');
      return !allowed.contains(nested < 0 ? name : name.substring(0, nested));
    });
  }
}
