package dev.wireless.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static dev.wireless.persistence.jooq.Tables.SIMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.wireless.persistence.jooq.tables.Sims;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Query;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The table-ownership rule of {@link ArchitectureTest} fails where it should: on small classes of
 * this package (which owns {@code commands} here and nothing else) that write a foreign table
 * directly, through an alias, through a table it cannot see, or a table nobody owns; and it lets a
 * write that only reads a foreign table pass. The classes are only analysed, never run.
 */
class TableOwnershipTest {

  private static final Map<String, String> OWNERS = Map.of(
      "commands", "dev.wireless.server",
      "sims", "dev.wireless.server.sims");

  @Test
  void writingAnOwnedTableWhileReadingAForeignOneIsAllowed() {
    assertEquals("", violations(WritesOwnTableFromForeignRows.class, Map.of()));
  }

  @Test
  void writingAForeignTableFails() {
    String report = violations(WritesForeignTable.class, Map.of());
    assertTrue(report.contains("writes sims, owned by dev.wireless.server.sims"), report);
  }

  @Test
  void writingAForeignTableThroughAnAliasConstantFails() {
    String report = violations(WritesThroughAlias.class, Map.of());
    assertTrue(report.contains("writes sims, owned by dev.wireless.server.sims"), report);
  }

  @Test
  void writingAForeignTableThroughALocalAliasFails() {
    String report = violations(WritesThroughLocalAlias.class, Map.of());
    assertTrue(report.contains("writes sims, owned by dev.wireless.server.sims"), report);
  }

  @Test
  void writingAForeignTableCapturedByALambdaFails() {
    String report = violations(WritesThroughCapturedAlias.class, Map.of());
    assertTrue(report.contains("writes sims, owned by dev.wireless.server.sims"), report);
  }

  @Test
  void aWriteThatDoesNotNameItsTableFails() {
    String report = violations(WritesUnnamedTable.class, Map.of());
    assertTrue(report.contains("writes a table not named at the write"), report);
  }

  @Test
  void aTableWithoutAnOwnerCannotBeWritten() {
    String report = violations(WritesUnlistedTable.class, Map.of());
    assertTrue(report.contains("writes accounts, which has no owning package"), report);
  }

  @Test
  void aListedForeignWriteIsWaivedForThatClassAndTableOnly() {
    assertEquals("", violations(WritesForeignTable.class,
        Map.of(WritesForeignTable.class.getName(), Set.of("sims"))));
    assertFalse(violations(WritesThroughAlias.class,
        Map.of(WritesForeignTable.class.getName(), Set.of("sims"))).isEmpty());
  }

  /** A listed foreign write that no longer happens must leave the list, so that it only shrinks. */
  @Test
  void everyListedForeignWriteStillHappens() throws Exception {
    for (Map.Entry<String, Set<String>> waiver : ArchitectureTest.FOREIGN_WRITES_TO_MOVE.entrySet()) {
      Class<?> type = Class.forName(waiver.getKey());
      Set<String> written = new java.util.TreeSet<>();
      new ClassFileImporter().importPackagesOf(type).stream()
          .filter(c -> c.getName().equals(type.getName()) || c.getName().startsWith(type.getName() + "$"))
          .forEach(c -> TableOwnership.writes(c).forEach(w -> written.add(w.table())));
      assertTrue(written.containsAll(waiver.getValue()), waiver.getKey() + " writes only " + written);
    }
  }

  @Test
  void theServersOwnWritesAreSeen() {
    JavaClasses imported = new ClassFileImporter().importClasses(dev.wireless.server.sims.SimRepository.class);
    List<TableOwnership.Write> writes = TableOwnership.writes(imported.get(dev.wireless.server.sims.SimRepository.class));
    assertTrue(writes.stream().anyMatch(w -> "sims".equals(w.table()) && w.operation().equals("update")), writes.toString());
    assertTrue(writes.stream().allMatch(w -> w.table() != null), writes.toString());
  }

  private static String violations(Class<?> fixture, Map<String, Set<String>> waivers) {
    JavaClasses imported = new ClassFileImporter().importClasses(fixture);
    ArchRule rule = classes().should(TableOwnership.writeOnlyOwnedTables(OWNERS, waivers));
    EvaluationResult result = rule.evaluate(imported);
    return String.join("\n", result.getFailureReport().getDetails());
  }

  static final class WritesOwnTableFromForeignRows {
    Query copy() {
      return SQL.insertInto(COMMANDS, COMMANDS.SIM_SID)
          .select(DSL.select(SIMS.SID)
              .from(SIMS));
    }
  }

  static final class WritesForeignTable {
    Query suspend() {
      return SQL.update(SIMS).set(SIMS.STATUS, "suspended");
    }
  }

  static final class WritesThroughAlias {
    private static final Sims S = SIMS;

    Query purge() {
      return SQL.deleteFrom(S)
          .where(DSL.trueCondition());
    }
  }

  static final class WritesThroughLocalAlias {
    Query suspend() {
      var s = SIMS.as("s");
      return SQL.update(s).set(s.STATUS, "suspended");
    }
  }

  static final class WritesThroughCapturedAlias {
    java.util.function.Supplier<Query> suspend(String status) {
      var s = SIMS;
      return () -> SQL.update(s).set(s.STATUS, status);
    }
  }

  static final class WritesUnnamedTable {
    Query purge() {
      return SQL.deleteFrom(DSL.table("sims"))
          .where(DSL.trueCondition());
    }
  }

  static final class WritesUnlistedTable {
    Query purge() {
      return SQL.deleteFrom(ACCOUNTS)
          .where(DSL.trueCondition());
    }
  }
}
