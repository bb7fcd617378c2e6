package dev.wireless.server.accounts;

import dev.wireless.server.common.Sids;
import dev.wireless.callbacks.signing.DatabaseSigningKeys;
import dev.wireless.callbacks.signing.SecretBox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Accounts and their credentials: creating accounts, rotating Auth Tokens (the old primary stays
 * valid as the secondary until the next rotation, so clients can roll over), checking presented
 * credentials, and issuing short-lived OAuth access tokens.
 */
public final class AccountService {

  /** A freshly created account's credentials: the only moment the token exists in clear. */
  public record NewCredentials(String accountSid, String authToken) {
  }

  /** An issued access token and its lifetime. */
  public record AccessTokenGrant(String accessToken, long expiresInSeconds) {
  }

  private final Pool pool;
  private final AccountRepository accounts;
  private final Duration accessTokenTtl;
  private final SecretBox secrets;

  /**
   * @param secrets seals the copy of the Auth Token that signs {@code X-Twilio-Signature}: the
   *                token itself is stored only as a digest
   */
  public AccountService(Pool pool, Duration accessTokenTtl, SecretBox secrets) {
    this.pool = pool;
    this.accounts = new AccountRepository(pool);
    this.accessTokenTtl = accessTokenTtl;
    this.secrets = secrets;
  }

  public Future<NewCredentials> create(String friendlyName, String parentSid) {
    String sid = Sids.newSid("AC");
    String token = AuthTokens.newAuthToken();
    return pool.withTransaction(tx -> new AccountRepository(tx)
            .insert(sid, friendlyName, parentSid, AuthTokens.digest(token))
            .compose(v -> DatabaseSigningKeys.storeTwilioSigningKey(tx, sid, token, secrets)))
        .map(v -> new NewCredentials(sid, token));
  }

  /** Issues a new primary token; the previous primary becomes the secondary. Empty if no account. */
  public Future<Optional<String>> rotateToken(String sid) {
    return accounts.findBySid(sid).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      String token = AuthTokens.newAuthToken();
      return pool.withTransaction(tx -> new AccountRepository(tx)
              .replaceTokenDigests(sid, AuthTokens.digest(token), found.get().primaryTokenHash())
              .compose(updated -> DatabaseSigningKeys.storeTwilioSigningKey(tx, sid, token, secrets).map(updated))
              .compose(updated -> CredentialCache.announceChange(tx, sid).map(updated)))
          .map(updated -> updated ? Optional.of(token) : Optional.empty());
    });
  }

  /** Basic auth: the account {@code sid} if {@code token} is its primary or secondary token. */
  public Future<Optional<String>> authenticateBasic(String sid, String token) {
    return accounts.findBySid(sid).map(found -> found
        .filter(AccountRow::isActive)
        .filter(a -> AuthTokens.matches(token, a.primaryTokenHash()) | AuthTokens.matches(token, a.secondaryTokenHash()))
        .map(AccountRow::sid));
  }

  /** Bearer auth: an Auth Token or an unexpired access token. */
  public Future<Optional<String>> authenticateBearer(String token) {
    byte[] digest = AuthTokens.digest(token);
    return AuthTokens.isAuthTokenShaped(token)
        ? accounts.findActiveSidByTokenDigest(digest)
        : accounts.findActiveSidByAccessTokenDigest(digest);
  }

  /** An OAuth access token for {@code accountSid}, a client authenticated by {@link #authenticateBasic}. */
  public Future<AccessTokenGrant> issueAccessToken(String accountSid) {
    String token = AuthTokens.newAccessToken();
    OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(accessTokenTtl);
    return accounts.insertAccessToken(AuthTokens.digest(token), accountSid, expiresAt)
        .map(v -> new AccessTokenGrant(token, accessTokenTtl.toSeconds()));
  }
}
