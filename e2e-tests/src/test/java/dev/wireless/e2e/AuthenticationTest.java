package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.basic;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer, Basic and OAuth access tokens; every way of failing them; accounts kept apart. */
class AuthenticationTest extends ContractCheck {

  private RawHttp http;
  private NewCredentials account;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
  }

  @Test
  void missingOrWrongCredentialsAre401WithAChallenge() {
    for (String authorization : new String[] {null, bearer("0123456789abcdef0123456789abcdef"), bearer(""),
        basic(account.accountSid(), "wrong"), basic("AC00000000000000000000000000000000", account.authToken()),
        "Basic !!!notbase64", "Digest whatever", bearer("not-a-real-access-token")}) {
      HttpResponse<String> response = http.get("/v1/RatePlans", authorization);
      assertError(response, 401, 20003);
      assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"), authorization);
    }
  }

  @Test
  void aRotationFromOutsideTheNodeRetiresCachedTokensAtOnce() {
    String first = account.authToken();
    for (int i = 0; i < 3; i++) { // verified, and remembered by the node's credential cache
      json(http.get("/v1/RatePlans", bearer(first)), 200);
      json(http.get("/v1/RatePlans", basic(account.accountSid(), first)), 200);
    }
    String second = platform.rotateToken(account.accountSid());
    json(http.get("/v1/RatePlans", bearer(first)), 200); // the previous token is now the secondary
    String third = platform.rotateToken(account.accountSid());
    // The NOTIFY committed with the rotation reaches the node within milliseconds; the cache's TTL is a minute.
    Await.awaitUntil(java.time.Duration.ofSeconds(2), () -> http.get("/v1/RatePlans", bearer(first)).statusCode() == 401);
    assertError(http.get("/v1/RatePlans", basic(account.accountSid(), first)), 401, 20003);
    json(http.get("/v1/RatePlans", bearer(second)), 200);
    json(http.get("/v1/RatePlans", bearer(third)), 200);
  }

  @Test
  void unauthenticatedCallersLearnNothingAboutTheirParameters() {
    assertError(http.postForm("/v1/RatePlans", null, "DataLimit", "abc"), 401, 20003);
  }

  @Test
  void bearerAndBasicWithTheAuthTokenBothWork() {
    json(http.get("/v1/RatePlans", bearer(account.authToken())), 200);
    json(http.get("/v1/RatePlans", basic(account.accountSid(), account.authToken())), 200);
  }

  @Test
  void oauthClientCredentialsIssueAnAccessTokenThatWorksAsBearer() {
    JsonObject token = json(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials",
        "client_id", account.accountSid(), "client_secret", account.authToken()), 200);

    assertEquals("Bearer", token.getString("token_type"));
    assertTrue(token.getInteger("expires_in") > 0);
    json(http.postForm("/v1/RatePlans", bearer(token.getString("access_token")), "UniqueName", "via-oauth"), 201);
    JsonObject fetched = json(http.get("/v1/RatePlans/via-oauth", basic(account.accountSid(), account.authToken())), 200);
    assertEquals(account.accountSid(), fetched.getString("account_sid"));
  }

  @Test
  void theTokenEndpointRefusesWrongSecretsAndBadGrantsInTheOAuthShape() {
    OAuthTokenEndpointTest.assertOAuthError(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials",
        "client_id", account.accountSid(), "client_secret", "nope"), 401, "invalid_client", null);
    OAuthTokenEndpointTest.assertOAuthError(http.postForm("/v1/auth/token", null, "grant_type", "password",
        "client_id", account.accountSid(), "client_secret", account.authToken()), 400, "unsupported_grant_type", null);
    OAuthTokenEndpointTest.assertOAuthError(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials"),
        401, "invalid_client", null);
  }

  @Test
  void anExpiredAccessTokenIsRefused() {
    String accessToken = json(http.postForm("/v1/auth/token", null, "grant_type", "client_credentials",
        "client_id", account.accountSid(), "client_secret", account.authToken()), 200).getString("access_token");
    json(http.get("/v1/RatePlans", bearer(accessToken)), 200);

    int expired = platform.sql("update access_tokens set expires_at = now() - interval '1 second' "
        + "where account_sid = '" + account.accountSid() + "'");

    assertEquals(1, expired);
    assertError(http.get("/v1/RatePlans", bearer(accessToken)), 401, 20003);
  }

  @Test
  void anotherAccountsRatePlanDoesNotExistForYou() {
    NewCredentials other = platform.newAccount();
    JsonObject theirs = json(http.postForm("/v1/RatePlans", bearer(other.authToken()), "UniqueName", "private"), 201);

    String mine = bearer(account.authToken());
    assertError(http.get("/v1/RatePlans/" + theirs.getString("sid"), mine), 404, 20404);
    assertError(http.get("/v1/RatePlans/private", mine), 404, 20404);
    assertError(http.postForm("/v1/RatePlans/" + theirs.getString("sid"), mine, "FriendlyName", "hijack"), 404, 20404);
    assertError(http.delete("/v1/RatePlans/" + theirs.getString("sid"), mine), 404, 20404);
    assertEquals(0, json(http.get("/v1/RatePlans", mine), 200).getJsonArray("rate_plans").size());
    json(http.postForm("/v1/RatePlans", mine, "UniqueName", "private"), 201);
  }
}
