package dev.wireless.server.accounts;

import dev.wireless.server.api.AuthApi;
import dev.wireless.server.http.ApiException;
import dev.wireless.server.http.CallContext;
import dev.wireless.server.http.ErrorCode;
import dev.wireless.server.http.Reply;
import dev.wireless.server.model.AccessToken;
import io.vertx.core.Future;

/** The OAuth2 client-credentials token endpoint ({@code POST /v1/auth/token}). */
public final class AuthResource implements AuthApi {

  private final AccountService accounts;

  public AuthResource(AccountService accounts) {
    this.accounts = accounts;
  }

  @Override
  public Future<Reply<AccessToken>> createAccessToken(CallContext call, String grantType, String clientId,
                                                      String clientSecret) {
    return accounts.issueAccessToken(clientId, clientSecret).map(grant -> grant
        .map(g -> Reply.ok(new AccessToken().accessToken(g.accessToken())
            .tokenType(AccessToken.TokenTypeEnum.BEARER)
            .expiresIn((int) g.expiresInSeconds())
            .scope("wireless")))
        .orElseThrow(() -> ApiException.of(ErrorCode.UNAUTHENTICATED, "Invalid client or invalid client credentials")));
  }
}
