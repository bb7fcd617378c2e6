package dev.wireless.server.http;

/**
 * What a resource method answers: the HTTP status it chose (200, 201, 202, 204…) and the body
 * model (null for 204). Keeping the status here lets one operation answer 200 or 202.
 */
public record Reply<T>(int status, T body) {

  public static <T> Reply<T> ok(T body) {
    return new Reply<>(200, body);
  }

  public static <T> Reply<T> created(T body) {
    return new Reply<>(201, body);
  }

  public static <T> Reply<T> accepted(T body) {
    return new Reply<>(202, body);
  }

  public static Reply<Void> noContent() {
    return new Reply<>(204, null);
  }
}
