package dev.wireless.persistence;

import static dev.wireless.persistence.SqlExecutor.SQL;
import static dev.wireless.persistence.TestDatabase.await;
import static dev.wireless.persistence.jooq.Tables.ACCOUNTS;
import static dev.wireless.persistence.jooq.Tables.COMMANDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Command's status changes are HOT updates (no index entry written): no index of {@code commands}
 * covers a column its lifecycle changes, and its pages keep room for the new row versions.
 */
class CommandStatusUpdatesTest {

  private static final String ACCOUNT = "AC" + "c0".repeat(16);

  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.start();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void queuedSentDeliveredAreHotUpdates() {
    // the transaction's own statistics: updates and HOT updates of commands made inside it
    List<Long> counts = await(PipelinedTransaction.run(database.pool(), tx -> {
      Future<?> account = SqlExecutor.execute(tx, SQL.insertInto(ACCOUNTS).set(ACCOUNTS.SID, ACCOUNT)
          .set(ACCOUNTS.PRIMARY_TOKEN_HASH, ACCOUNT.getBytes(StandardCharsets.US_ASCII)));
      Future<?> command = SqlExecutor.execute(tx, SQL.insertInto(COMMANDS).set(COMMANDS.SID, "DC" + "1".repeat(32))
          .set(COMMANDS.ACCOUNT_SID, ACCOUNT).set(COMMANDS.SIM_SID, "DE" + "2".repeat(32))
          .set(COMMANDS.COMMAND, "ping").set(COMMANDS.PAYLOAD, "ping").set(COMMANDS.STATUS, "queued")
          .set(COMMANDS.DIRECTION, "to_sim"));
      Future<?> sent = status(tx, "sent", null);
      Future<?> failed = status(tx, "failed", 30008);
      Future<List<Long>> stats = SqlExecutor.execute(tx, SQL.select(
              DSL.field("pg_stat_get_xact_tuples_updated('commands'::regclass)", Long.class),
              DSL.field("pg_stat_get_xact_tuples_hot_updated('commands'::regclass)", Long.class)))
          .map(rows -> {
            Row row = rows.iterator().next();
            return List.of(row.getLong(0), row.getLong(1));
          });
      return Future.all(account, command, sent, failed).compose(done -> stats);
    }));
    assertEquals(List.of(2L, 2L), counts, "updates of commands, and how many of them were HOT");
  }

  @Test
  void noIndexCoversALifecycleColumnAndPagesKeepRoom() {
    List<String> indexes = new ArrayList<>();
    await(SqlExecutor.execute(database.pool(), SQL.select(DSL.field("pg_get_indexdef(indexrelid)", String.class))
        .from(DSL.table("pg_index")).where(DSL.field("indrelid").eq(DSL.field("'commands'::regclass")))))
        .forEach(row -> indexes.add(row.getString(0)));
    assertEquals(6, indexes.size(), indexes.toString());
    for (String index : indexes) {
      for (String column : List.of("status", "error_code", "error_message", "updated_at")) {
        assertTrue(!index.contains(column), index + " covers " + column);
      }
    }
    String options = await(SqlExecutor.execute(database.pool(), SQL.select(
            DSL.field("array_to_string(reloptions, ',')", String.class)).from(DSL.table("pg_class"))
        .where(DSL.field("oid").eq(DSL.field("'commands'::regclass")))))
        .iterator().next().getString(0);
    assertEquals("fillfactor=80", options);
  }

  private static Future<?> status(SqlClient tx, String status, Integer errorCode) {
    return SqlExecutor.execute(tx, SQL.update(COMMANDS).set(COMMANDS.STATUS, status)
        .set(COMMANDS.ERROR_CODE, errorCode).set(COMMANDS.ERROR_MESSAGE, errorCode == null ? null : "unreachable")
        .set(COMMANDS.UPDATED_AT, DSL.currentOffsetDateTime()).where(COMMANDS.ACCOUNT_SID.eq(ACCOUNT)));
  }
}
