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
 * {@code (select unnest($1::timestamptz[]) as col1, unnest($2::text[]) as col2, ...) as alias},
 * to select from, insert from or join. A statement over it has the same text whatever the number of rows, so it is
 * rendered once ({@link SqlExecutor.Template}), prepared once per connection and planned once;
 * a multi-row {@code VALUES} list is instead a new statement with thousands of parameters for
 * every row count, and rendering, binding and planning it cost far more than running it.
 *
 * <p>Each array parameter is typed like the table column it fills, and bound as a Java array of
 * that column's type in the order the columns were given ({@code Long[]}, {@code String[]},
 * {@code OffsetDateTime[]}, ...; elements may be null), which {@link #batch} prepares. JSON
 * columns are bound as text arrays and parsed by Postgres element by element.
 *
 * <p>The arrays are unnested side by side in a select list rather than by {@code unnest(a, b, ...)}
 * in {@code FROM}: Postgres then streams the rows instead of first copying them all into a
 * tuple store, and a JSON element is parsed once instead of through a converted copy of the whole
 * array (together about half of the statement's cost for a 1,000-row event insert).
 */
public final class ArrayRows {

  private final Name alias;
  private final List<Field<?>> columns;
  private final Table<? extends Record> table;

  private ArrayRows(Name alias, List<Field<?>> columns, Table<? extends Record> table) {
    this.alias = alias;
    this.columns = columns;
    this.table = table;
  }

  /** Rows named {@code alias}, with one array parameter for each of {@code columns}, in this order. */
  public static ArrayRows of(String alias, Field<?>... columns) {
    List<Field<?>> elements = new ArrayList<>();
    for (Field<?> column : columns) {
      DataType<?> type = column.getDataType().isJSON() ? SQLDataType.CLOB : column.getDataType();
      elements.add(DSL.field("unnest({0})", type, DSL.param(type.getArrayDataType())).as(column.getName()));
    }
    return new ArrayRows(DSL.unquotedName(alias), List.of(columns), DSL.select(elements).asTable(alias));
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

    /**
     * {@code before}, then the column arrays in column order: the statement's parameter values when
     * its {@code before} parameters come ahead of the rows.
     */
    public Object[] valuesAfter(Object... before) {
      Object[] values = Arrays.copyOf(before, before.length + arrays.length, Object[].class);
      System.arraycopy(arrays, 0, values, before.length, arrays.length);
      return values;
    }
  }

  /** The derived table, for {@code FROM} or a join. */
  public Table<? extends Record> table() {
    return table;
  }

  /** The rows' value for {@code column} (one of the columns given to {@link #of}). */
  public <T> Field<T> field(Field<T> column) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException(column + " is not a column of " + alias);
    }
    DataType<T> type = column.getDataType();
    if (type.isJSON()) {
      return DSL.cast(DSL.field(alias.append(DSL.name(column.getName())), SQLDataType.CLOB), type);
    }
    return DSL.field(alias.append(DSL.name(column.getName())), type);
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
