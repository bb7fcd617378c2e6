package dev.wireless.server.accounts;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.OAuthError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * How an OAuth client authenticated at the token endpoint (RFC 6749 §2.3.1): HTTP Basic
 * ({@code client_secret_basic}, both parts form-urlencoded before Base64) or {@code client_id} and
 * {@code client_secret} in the form body ({@code client_secret_post}). Exactly one method may be
 * used; a Basic client may repeat its {@code client_id} in the body, as some libraries do.
 *
 * @param basic whether HTTP Basic was used (a refusal then carries {@code WWW-Authenticate})
 */
public record ClientCredentials(String clientId, String clientSecret, boolean basic) {

  /** The challenge answered with {@code invalid_client} when Basic was used or nothing was sent. */
  static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Basic realm=\"wireless\"");

  /** Reads the credentials of a token request; refuses missing, malformed or doubled ones. */
  public static ClientCredentials of(String authorization, String bodyClientId, String bodyClientSecret) {
    if (authorization == null || authorization.isBlank()) {
      if (bodyClientId == null && bodyClientSecret == null) {
        throw invalidClient("No client authentication: send HTTP Basic client_id:client_secret, "
            + "or client_id and client_secret in the form body", true);
      }
      if (bodyClientId == null || bodyClientSecret == null) {
        throw invalidClient("client_id and client_secret must both be given", false);
      }
      return new ClientCredentials(bodyClientId, bodyClientSecret, false);
    }
    ClientCredentials basic = fromBasic(authorization);
    if (bodyClientSecret != null || (bodyClientId != null && !bodyClientId.equals(basic.clientId()))) {
      throw ApiException.oauth(OAuthError.INVALID_REQUEST,
          "Use one client authentication method: HTTP Basic or client_id and client_secret in the body, not both");
    }
    return basic;
  }

  /** The refusal of credentials that name no account or the wrong secret. */
  public ApiException refused() {
    return invalidClient("Invalid client or invalid client credentials", basic);
  }

  private static ClientCredentials fromBasic(String authorization) {
    int space = authorization.indexOf(' ');
    if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals("basic")) {
      throw invalidClient("The token endpoint accepts HTTP Basic client authentication only", true);
    }
    try {
      String pair = new String(Base64.getDecoder().decode(authorization.substring(space + 1).trim()),
          StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw invalidClient("HTTP Basic credentials must be client_id:client_secret", true);
      }
      return new ClientCredentials(formDecode(pair.substring(0, colon)), formDecode(pair.substring(colon + 1)), true);
    } catch (IllegalArgumentException e) {
      throw invalidClient("HTTP Basic credentials are not valid Base64 of form-urlencoded client_id:client_secret",
          true);
    }
  }

  private static String formDecode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static ApiException invalidClient(String description, boolean challenge) {
    ApiException error = ApiException.oauth(OAuthError.INVALID_CLIENT, description);
    return challenge ? error.withHeaders(CHALLENGE) : error;
  }

  @Override
  public String toString() {
    return "ClientCredentials[" + clientId + ", secret=***, basic=" + basic + "]";
  }
}
