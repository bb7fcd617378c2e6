package dev.wireless.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
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
 * domains ({@code usage}) ask, while {@code jobs} holds only the claim loop every worker pool
 * shares; {@code config} reads the environment into each package's settings and so sits above them.
 */
@AnalyzeClasses(packages = "dev.wireless.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /**
   * The one adapter over Vert.x internals (inline validation steps, the date-time format, the
   * routing context's body, the connection's request decoder), its uses pinned by
   * {@code VertxInternalsTest}; no other class may reach into an {@code impl} package.
   */
  static final Set<String> VERTX_INTERNALS_ALLOWED = Set.of("dev.wireless.server.http.VertxInternals");

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

  /** Classes other than the named ones and their nested, anonymous and lambda classes. */
  private static DescribedPredicate<JavaClass> outside(Set<String> allowed) {
    return DescribedPredicate.describe("are not one of " + allowed, type -> {
      String name = type.getName();
      int nested = name.indexOf('$');
      return !allowed.contains(nested < 0 ? name : name.substring(0, nested));
    });
  }
}
