package dev.wireless.persistence.jobs;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The columns the engine runs a job table by. Every job table has them with these names
 * ({@code provisioning_jobs}, {@code command_jobs}); the table's own columns (what the job is
 * about) are its kind's business. {@code kind} is the column whose value picks the handler.
 *
 * @param <R> the table's record type
 */
public record JobTable<R extends Record>(Table<R> table, Field<Long> id, Field<String> kind, Field<String> state,
                                         Field<OffsetDateTime> runAt, Field<Integer> attempts,
                                         Field<Integer> maxAttempts, Field<String> lockedBy,
                                         Field<OffsetDateTime> lockedUntil, Field<String> lastError,
                                         Field<OffsetDateTime> updatedAt, Field<OffsetDateTime> finishedAt) {

  /** The job table {@code table}, whose kind is in the column {@code kind}. */
  public static <R extends Record> JobTable<R> of(Table<R> table, Field<String> kind) {
    return new JobTable<>(table, column(table, "id", Long.class), kind, column(table, "state", String.class),
        column(table, "run_at", OffsetDateTime.class), column(table, "attempts", Integer.class),
        column(table, "max_attempts", Integer.class), column(table, "locked_by", String.class),
        column(table, "locked_until", OffsetDateTime.class), column(table, "last_error", String.class),
        column(table, "updated_at", OffsetDateTime.class), column(table, "finished_at", OffsetDateTime.class));
  }

  private static <T> Field<T> column(Table<?> table, String name, Class<T> type) {
    Field<T> field = table.field(name, type);
    if (field == null) {
      throw new IllegalArgumentException(table.getName() + " has no column " + name + ", so it is no job table");
    }
    return field;
  }
}
