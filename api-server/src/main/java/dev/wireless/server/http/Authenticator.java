package dev.wireless.server.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Decides which account a request acts for, from its {@code Authorization} header. Fails with a
 * 401 {@link ApiException} (code 20003) when the credentials are missing or wrong.
 */
public interface Authenticator {

  /** The account SID the request is authenticated as. */
  Future<String> authenticate(HttpServerRequest request);
}
