package dev.wireless.server.accounts;

import dev.wireless.server.api.AuthApi;
import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.OAuthError;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.AccessToken;
import io.vertx.core.Future;

/**
 * The OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4), at {@code POST /v1/auth/token}
 * and at KORE's {@code POST /api-services/v1/auth/token}: the client is the account (Account SID
 * and Auth Token), authenticated by {@link ClientCredentials}; errors are OAuth errors.
 */
public final class AuthResource implements AuthApi {

  static final String GRANT_TYPE = "client_credentials";
  static final String SCOPE = "wireless";

  private final AccountService accounts;

  public AuthResource(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Future<Reply<AccessToken>> createAccessToken(CallContext call, String grantType, String clientId,
                                                      String clientSecret, String scope) {
    ClientCredentials client = ClientCredentials.of(call.authorization(), clientId, clientSecret);
    // client authentication first: an unauthenticated caller learns nothing about its other parameters
    return accounts.authenticateBasic(client.clientId(), client.clientSecret()).compose(account -> {
      String accountSid = account.orElseThrow(client::refused);
      if (!GRANT_TYPE.equals(grantType)) {
        throw ApiException.oauth(OAuthError.UNSUPPORTED_GRANT_TYPE,
            "grant_type must be " + GRANT_TYPE + " (got " + grantType + ")");
      }
      if (scope != null && !scope.isBlank() && !scope.trim().equals(SCOPE)) {
        throw ApiException.oauth(OAuthError.INVALID_SCOPE, "The only scope is " + SCOPE);
      }
      return accounts.issueAccessToken(accountSid);
    }).map(issued -> Reply.ok(new AccessToken().accessToken(issued.accessToken())
        .tokenType(AccessToken.TokenTypeEnum.BEARER)
        .expiresIn((int) issued.expiresInSeconds())
        .scope(SCOPE)));
  }

  @Override
  public Future<Reply<AccessToken>> createKoreAccessToken(CallContext call, String grantType, String clientId,
                                                          String clientSecret, String scope) {
    return createAccessToken(call, grantType, clientId, clientSecret, scope);
  }
}
