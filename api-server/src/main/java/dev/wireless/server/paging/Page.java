package dev.wireless.server.paging;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Rows of one page in ascending id order, and whether rows exist beyond each end. Repositories
 * fetch one row more than the page size in the reading direction; {@link #of} turns that into
 * the page and the flag.
 */
public record Page<T>(List<T> items, boolean hasNext, boolean hasPrevious, ToLongFunction<T> idOf) {

  /**
   * @param fetched rows in reading order (descending for a backwards page), up to size + 1
   */
  public static <T> Page<T> of(List<T> fetched, PageRequest request, ToLongFunction<T> idOf) {
    boolean more = fetched.size() > request.size();
    List<T> rows = more ? fetched.subList(0, request.size()) : fetched;
    if (request.backwards()) {
      List<T> ascending = new java.util.ArrayList<>(rows);
      java.util.Collections.reverse(ascending);
      return new Page<>(ascending, true, more, idOf);
    }
    return new Page<>(rows, more, request.token() != null, idOf);
  }

  public long firstId() {
    return idOf.applyAsLong(items.get(0));
  }

  public long lastId() {
    return idOf.applyAsLong(items.get(items.size() - 1));
  }
}
