package dev.wireless.callbacks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The callback service's packages ({@code signing}, {@code delivery}, {@code dispatch},
 * {@code alerts}) form no cycle, and none of its classes reads Vert.x internals.
 */
@AnalyzeClasses(packages = "dev.wireless.callbacks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("dev.wireless.callbacks.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule noVertxInternals =
      noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx..impl..");
}
