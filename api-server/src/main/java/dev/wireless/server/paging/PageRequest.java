package dev.wireless.server.paging;

/**
 * One list call's paging inputs after defaults: {@code PageSize} (1–1000, default 50 — the
 * contract enforces the bounds), the client's {@code Page} number (echoed only) and the keyset
 * position from the {@code PageToken} (null on the first page).
 */
public record PageRequest(int size, int page, PageToken token) {

  public static final int DEFAULT_SIZE = 50;

  public static PageRequest of(Integer pageSize, Integer page, String pageToken) {
    return new PageRequest(pageSize == null ? DEFAULT_SIZE : pageSize, page == null ? 0 : page,
        pageToken == null || pageToken.isEmpty() ? null : PageToken.decode(pageToken));
  }

  /** Whether this page is read backwards (a previous-page token). */
  public boolean backwards() {
    return token != null && token.direction() == PageToken.Direction.BEFORE;
  }
}
