package dev.wireless.server.http;

/**
 * Who is calling and how the request looked, handed to every resource method: the authenticated
 * account (null only for public operations), the public base URL every {@code url} is built
 * from, and the request's own path and raw query (for list {@code meta.url}). {@code authorization}
 * is the raw {@code Authorization} header, read only by public operations that authenticate a
 * client themselves (the OAuth token endpoint's {@code client_secret_basic}).
 */
public record CallContext(String accountSid, String baseUrl, String path, String rawQuery, String authorization) {

  /** The account, for operations that require authentication. */
  public String account() {
    if (accountSid == null) {
      throw new IllegalStateException("operation requires an authenticated account");
    }
    return accountSid;
  }

  /** An absolute URL for {@code path} (which starts with {@code /}). */
  public String url(String path) {
    return baseUrl + path;
  }
}
