package dev.wireless.persistence;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The persistence module's layers: {@code config} (the environment reader) depends on nothing else
 * here; the package itself is the SQL bridge ({@code SqlExecutor}, pools, the embedded server) and
 * never reaches up into the job engine ({@code jobs}), which is built on it. No cycles among the
 * sub-packages, and no Vert.x internals anywhere.
 */
@AnalyzeClasses(packages = "dev.wireless.persistence", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule subPackagesAreFreeOfCycles =
      slices().matching("dev.wireless.persistence.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theSqlBridgeDoesNotDependOnTheJobEngine =
      noClasses().that().resideInAPackage("dev.wireless.persistence")
          .should().dependOnClassesThat().resideInAPackage("dev.wireless.persistence.jobs..");

  @ArchTest
  static final ArchRule configurationDependsOnNothingElseHere =
      noClasses().that().resideInAPackage("dev.wireless.persistence.config..")
          .should().dependOnClassesThat().resideInAnyPackage("dev.wireless.persistence",
              "dev.wireless.persistence.jobs..", "dev.wireless.persistence.jooq..");

  @ArchTest
  static final ArchRule noVertxInternals =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx..impl..");
}
