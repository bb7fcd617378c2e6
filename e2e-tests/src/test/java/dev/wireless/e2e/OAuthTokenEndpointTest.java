package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.basic;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.form;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint as RFC 6749 describes it, at our path and at KORE's: Vert.x's OAuth 2.0
 * client (unmodified) runs the client-credentials flow with each client authentication method,
 * and every refusal is checked byte for byte in the §5.2 shape.
 */
class OAuthTokenEndpointTest extends ContractCheck {

  private static final List<String> TOKEN_PATHS = List.of("/v1/auth/token", "/api-services/v1/auth/token");
  private static final String FORM = "application/x-www-form-urlencoded";

  private final Vertx vertx = Vertx.vertx();
  private RawHttp http;
  private NewCredentials account;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    account = platform.newAccount();
  }

  @AfterEach
  void closeVertx() {
    TestPlatform.await(vertx.close());
  }

  @Test
  void vertxOAuthClientGetsATokenWithBasicAndWithPostOnBothPathsAndTheTokenWorks() {
    int plans = 0;
    for (String path : TOKEN_PATHS) {
      for (boolean useBasic : new boolean[] {true, false}) {
        OAuth2Auth client = OAuth2Auth.create(vertx, new OAuth2Options().setSite(platform.baseUrl())
            .setTokenPath(path).setClientId(account.accountSid()).setClientSecret(account.authToken())
            .setUseBasicAuthorization(useBasic));
        User user = TestPlatform.await(client.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.CLIENT)));
        String accessToken = user.principal().getString("access_token");
        assertEquals("Bearer", user.principal().getString("token_type"));
        assertTrue(user.principal().getInteger("expires_in") > 0, user.principal().encode());

        String name = "oauth-" + (++plans);
        json(http.postForm("/v1/RatePlans", bearer(accessToken), "UniqueName", name), 201);
        JsonObject plan = json(http.get("/v1/RatePlans/" + name, basic(account.accountSid(), account.authToken())), 200);
        assertEquals(account.accountSid(), plan.getString("account_sid"), path + " basic=" + useBasic);
      }
    }
  }

  @Test
  void vertxOAuthClientSeesTheRefusalOfAWrongSecret() {
    OAuth2Auth client = OAuth2Auth.create(vertx, new OAuth2Options().setSite(platform.baseUrl())
        .setTokenPath("/api-services/v1/auth/token").setClientId(account.accountSid())
        .setClientSecret("0123456789abcdef0123456789abcdef"));
    Throwable failure = client.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.CLIENT))
        .toCompletionStage().toCompletableFuture().handle((user, error) -> error).join();
    assertTrue(failure != null && String.valueOf(failure.getMessage()).contains("Invalid client"),
        String.valueOf(failure));
  }

  @Test
  void tokenResponsesAreNeverCachedAndBasicCredentialsAreFormDecoded() {
    // RFC 6749 §2.3.1: client_id and client_secret are form-urlencoded before Basic; %41 is "A"
    String encodedId = "%41" + account.accountSid().substring(1);
    for (String path : TOKEN_PATHS) {
      HttpResponse<String> response = http.post(path, basic(encodedId, account.authToken()), FORM,
          "grant_type=client_credentials");
      JsonObject token = json(response, 200);
      assertEquals(List.of("access_token", "expires_in", "scope", "token_type"),
          token.fieldNames().stream().sorted().toList());
      assertEquals("wireless", token.getString("scope"));
      assertNoStore(response);
      assertEquals(200, http.get("/v1/RatePlans", bearer(token.getString("access_token"))).statusCode());
    }
  }

  @Test
  void wrongSecretWithBasicIs401InvalidClientWithAChallenge() {
    for (String path : TOKEN_PATHS) {
      HttpResponse<String> response = http.post(path, basic(account.accountSid(), "wrong"), FORM,
          "grant_type=client_credentials");
      assertOAuthError(response, 401, "invalid_client", "Invalid client or invalid client credentials");
      assertEquals("Basic realm=\"wireless\"", response.headers().firstValue("WWW-Authenticate").orElse(null));
    }
  }

  @Test
  void wrongSecretInTheBodyIs401InvalidClient() {
    HttpResponse<String> response = http.post("/v1/auth/token", null, FORM, form("grant_type", "client_credentials",
        "client_id", account.accountSid(), "client_secret", "wrong"));
    assertOAuthError(response, 401, "invalid_client", "Invalid client or invalid client credentials");
    assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent(), "no challenge without Basic");
    assertOAuthError(http.post("/v1/auth/token", null, FORM, form("grant_type", "client_credentials",
        "client_id", account.accountSid())), 401, "invalid_client", "client_id and client_secret must both be given");
  }

  @Test
  void noClientAuthenticationOrAnotherSchemeIs401InvalidClientWithAChallenge() {
    HttpResponse<String> none = http.post("/v1/auth/token", null, FORM, "grant_type=client_credentials");
    assertOAuthError(none, 401, "invalid_client", null);
    assertEquals("Basic realm=\"wireless\"", none.headers().firstValue("WWW-Authenticate").orElse(null));
    HttpResponse<String> bearerScheme = http.post("/v1/auth/token", bearer(account.authToken()), FORM,
        "grant_type=client_credentials");
    assertOAuthError(bearerScheme, 401, "invalid_client",
        "The token endpoint accepts HTTP Basic client authentication only");
    assertOAuthError(http.post("/v1/auth/token", "Basic !!!", FORM, "grant_type=client_credentials"), 401,
        "invalid_client", null);
  }

  @Test
  void twoAuthenticationMethodsAreAnInvalidRequest() {
    assertOAuthError(http.post("/v1/auth/token", basic(account.accountSid(), account.authToken()), FORM,
            form("grant_type", "client_credentials", "client_id", account.accountSid(),
                "client_secret", account.authToken())), 400, "invalid_request",
        "Use one client authentication method: HTTP Basic or client_id and client_secret in the body, not both");
    // repeating the client_id beside Basic, as some libraries do, is not a second method
    json(http.post("/v1/auth/token", basic(account.accountSid(), account.authToken()), FORM,
        form("grant_type", "client_credentials", "client_id", account.accountSid())), 200);
  }

  @Test
  void otherGrantTypesAreUnsupportedAndAMissingOneIsAnInvalidRequest() {
    String auth = basic(account.accountSid(), account.authToken());
    assertOAuthError(http.post("/api-services/v1/auth/token", auth, FORM, "grant_type=password"), 400,
        "unsupported_grant_type", "grant_type must be client_credentials (got password)");
    HttpResponse<String> missing = http.post("/v1/auth/token", auth, FORM, "scope=wireless");
    assertOAuthError(missing, 400, "invalid_request", null);
    assertTrue(new JsonObject(missing.body()).getString("error_description").contains("grant_type"), missing.body());
  }

  @Test
  void aBodyThatIsNotAFormIsAnInvalidRequest() {
    HttpResponse<String> response = http.post("/v1/auth/token", basic(account.accountSid(), account.authToken()),
        "application/json", "{\"grant_type\":\"client_credentials\"}");
    assertOAuthError(response, 400, "invalid_request", null);
  }

  @Test
  void anUnknownScopeIsInvalidScope() {
    assertOAuthError(http.post("/v1/auth/token", basic(account.accountSid(), account.authToken()), FORM,
        "grant_type=client_credentials&scope=admin"), 400, "invalid_scope", "The only scope is wireless");
  }

  /** An RFC 6749 §5.2 error: exactly {error, error_description}, JSON, never cached. */
  static JsonObject assertOAuthError(HttpResponse<String> response, int status, String error, String description) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject body = new JsonObject(response.body());
    assertEquals(List.of("error", "error_description"), body.fieldNames().stream().sorted().toList(), response.body());
    assertEquals(error, body.getString("error"), response.body());
    if (description != null) {
      assertEquals(description, body.getString("error_description"));
    }
    assertTrue(body.getString("error_description").chars().allMatch(c -> c >= 0x20 && c <= 0x7e && c != '"'
        && c != '\\'), "RFC 6749 allows only these characters: " + response.body());
    assertNoStore(response);
    return body;
  }

  private static void assertNoStore(HttpResponse<String> response) {
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    assertEquals("no-cache", response.headers().firstValue("Pragma").orElse(null));
  }
}
