package dev.wireless.persistence;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Many rows bound as one array parameter per column:
 * {@code unnest($1::timestamptz[], $2::text[], ...) as alias(col1, col2, ...)}, to select from,
 * insert from or join. A statement over it has the same text whatever the number of rows, so it is
 * rendered once ({@link SqlExecutor.Template}), prepared once per connection and planned once;
 * a multi-row {@code VALUES} list is instead a new statement with thousands of parameters for
 * every row count, and rendering, binding and planning it cost far more than running it.
 *
 * <p>Each array parameter is typed like the table column it fills, and bound as a Java array of
 * that column's type in the order the columns were given ({@code Long[]}, {@code String[]},
 * {@code OffsetDateTime[]}, ...; elements may be null), which {@link #batch} prepares. JSON
 * columns are bound as text arrays and parsed by Postgres.
 */
public final class ArrayRows {

  private final Name alias;
  private final List<Field<?>> columns;
  private final Table<Record> table;

  private ArrayRows(Name alias, List<Field<?>> columns, Table<Record> table) {
    this.alias = alias;
    this.columns = columns;
    this.table = table;
  }

  /** Rows named {@code alias}, with one array parameter for each of {@code columns}, in this order. */
  public static ArrayRows of(String alias, Field<?>... columns) {
    List<Field<?>> params = new ArrayList<>();
    List<Name> names = new ArrayList<>();
    for (Field<?> column : columns) {
      params.add(arrayParameter(column.getDataType()));
      names.add(DSL.unquotedName(column.getName()));
    }
    Name name = DSL.unquotedName(alias);
    Table<Record> table = DSL.table("unnest({0}) as {1}({2})", DSL.list(params), name, DSL.list(
        names.stream().map(DSL::field).toList()));
    return new ArrayRows(name, List.of(columns), table);
  }

  private static Field<?> arrayParameter(DataType<?> type) {
    if (type.isJSON()) {
      return DSL.cast(DSL.param(SQLDataType.CLOB.getArrayDataType()), type.getArrayDataType());
    }
    return DSL.param(type.getArrayDataType());
  }

  /** Empty column arrays for {@code rows} rows, typed for binding. */
  public Batch batch(int rows) {
    Object[][] arrays = new Object[columns.size()][];
    for (int c = 0; c < arrays.length; c++) {
      DataType<?> type = columns.get(c).getDataType();
      arrays[c] = (Object[]) Array.newInstance(type.isJSON() ? String.class : type.getType(), rows);
    }
    return new Batch(arrays);
  }

  /** The values of a number of rows, held column by column as the statement binds them. */
  public static final class Batch {

    private final Object[][] arrays;

    private Batch(Object[][] arrays) {
      this.arrays = arrays;
    }

    /** Sets row {@code row}: one value per column, in the order given to {@link ArrayRows#of}. */
    public void row(int row, Object... values) {
      if (values.length != arrays.length) {
        throw new IllegalArgumentException("expected " + arrays.length + " values, got " + values.length);
      }
      for (int c = 0; c < values.length; c++) {
        arrays[c][row] = values[c];
      }
    }

    /**
     * The column arrays in column order, then {@code more}: the statement's parameter values
     * when it has {@code more} parameters after the rows.
     */
    public Object[] values(Object... more) {
      Object[] values = Arrays.copyOf(arrays, arrays.length + more.length, Object[].class);
      System.arraycopy(more, 0, values, arrays.length, more.length);
      return values;
    }
  }

  /** The derived table, for {@code FROM} or a join. */
  public Table<Record> table() {
    return table;
  }

  /** The rows' value for {@code column} (one of the columns given to {@link #of}). */
  public <T> Field<T> field(Field<T> column) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException(column + " is not a column of " + alias);
    }
    return DSL.field(alias.append(DSL.unquotedName(column.getName())), column.getDataType());
  }

  /** Every column's value, in the order given to {@link #of}. */
  public Field<?>[] fields() {
    return columns.stream().map(this::field).toArray(Field<?>[]::new);
  }

  /** The table columns given to {@link #of}, in order: the column list of an {@code INSERT}. */
  public List<Field<?>> columns() {
    return columns;
  }

  /**
   * Every row as is: {@code SQL.insertInto(table).columns(rows.columns()).select(rows.select())}
   * inserts them.
   */
  public Select<Record> select() {
    return DSL.select(fields()).from(table);
  }
}
