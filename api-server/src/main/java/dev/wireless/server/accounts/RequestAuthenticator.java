package dev.wireless.server.accounts;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.http.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code Authorization}: {@code Bearer <Auth Token or access token>} (KORE clients) or
 * {@code Basic base64(AccountSid:AuthToken)} (Twilio helper libraries). Anything else, or wrong
 * credentials, is a 401 with code 20003 and a {@code WWW-Authenticate} challenge for both schemes.
 */
public final class RequestAuthenticator implements Authenticator {

  private static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"wireless\", Basic realm=\"wireless\"");

  private final AccountService accounts;
  private final CredentialCache cache;

  public RequestAuthenticator(AccountService accounts, CredentialCache cache) {
    this.accounts = accounts;
    this.cache = cache;
  }

  @Override
  public Future<String> authenticate(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return Future.failedFuture(refused("Authentication required: send Bearer <AuthToken> or Basic AccountSid:AuthToken"));
    }
    Future<Optional<String>> account;
    if (startsWithIgnoreCase(header, "Bearer ")) {
      String token = header.substring("Bearer ".length()).trim();
      account = token.isEmpty() ? Future.succeededFuture(Optional.empty())
          : AuthTokens.isAuthTokenShaped(token)
          ? cache.get("B:" + HexFormat.of().formatHex(AuthTokens.digest(token)), () -> accounts.authenticateBearer(token))
          : accounts.authenticateBearer(token);
    } else if (startsWithIgnoreCase(header, "Basic ")) {
      account = basic(header.substring("Basic ".length()).trim());
    } else {
      return Future.failedFuture(refused("Unsupported Authorization scheme"));
    }
    return account.compose(sid -> sid.isPresent()
        ? Future.succeededFuture(sid.get())
        : Future.failedFuture(refused("Authenticate: the credentials are invalid")));
  }

  private Future<Optional<String>> basic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Optional.empty());
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return Future.succeededFuture(Optional.empty());
    }
    String sid = decoded.substring(0, colon);
    String token = decoded.substring(colon + 1);
    return cache.get("S:" + sid + ":" + HexFormat.of().formatHex(AuthTokens.digest(token)),
        () -> accounts.authenticateBasic(sid, token));
  }

  private static boolean startsWithIgnoreCase(String value, String prefix) {
    return value.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static ApiException refused(String message) {
    return ApiException.of(ErrorCode.UNAUTHENTICATED, message).withHeaders(CHALLENGE);
  }
}
