package dev.wireless.server.paging;

import dev.wireless.server.common.Timestamps;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.model.PageMeta;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Builds a list's {@code meta}: absolute URLs from the public base URL that repeat the filters the
 * client gave, then {@code PageSize}, {@code Page} and (past the first page) the keyset
 * {@code PageToken}; previous/next are null at the ends.
 */
public final class PageMetaBuilder {

  private PageMetaBuilder() {
  }

  /**
   * @param filters the list's filter parameters as the client gave them (null values skipped),
   *                in contract order; a date-time is written by {@link Timestamps#format}, anything
   *                else as its string, each percent-encoded once
   */
  public static <T> PageMeta meta(CallContext call, String key, Map<String, ?> filters, PageRequest request,
                                  Page<T> page) {
    String base = call.url(call.path()) + "?" + encode(filters);
    String sizeParam = "PageSize=" + request.size();
    String url = base + sizeParam + "&Page=" + request.page()
        + (request.token() == null ? "" : "&PageToken=" + request.token().encode());
    String next = page.hasNext() && !page.items().isEmpty()
        ? base + sizeParam + "&Page=" + (request.page() + 1) + "&PageToken=" + PageToken.after(page.lastId()).encode()
        : null;
    String previous = page.hasPrevious() && !page.items().isEmpty()
        ? base + sizeParam + "&Page=" + Math.max(0, request.page() - 1) + "&PageToken="
            + PageToken.before(page.firstId()).encode()
        : null;
    return new PageMeta()
        .firstPageUrl(base + sizeParam + "&Page=0")
        .key(key)
        .nextPageUrl(next == null ? null : next)
        .page(request.page())
        .pageSize(request.size())
        .previousPageUrl(previous == null ? null : previous)
        .url(url);
  }

  private static String encode(Map<String, ?> filters) {
    StringBuilder query = new StringBuilder();
    filters.forEach((name, value) -> {
      if (value != null) {
        String text = value instanceof OffsetDateTime time ? Timestamps.format(time) : value.toString();
        query.append(name).append('=').append(URLEncoder.encode(text, StandardCharsets.UTF_8)).append('&');
      }
    });
    return query.toString();
  }
}
