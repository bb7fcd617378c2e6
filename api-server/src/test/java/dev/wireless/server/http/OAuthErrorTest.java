package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import dev.wireless.server.errors.OAuthError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a token endpoint's refusals are shaped (RFC 6749 §5.2) and which ones keep the platform's body. */
class OAuthErrorTest {

  @Test
  void theBodyIsErrorAndDescriptionOnly() {
    ApiException error = ApiException.oauth(OAuthError.INVALID_CLIENT, "Invalid client")
        .withHeaders(Map.of("WWW-Authenticate", "Basic realm=\"wireless\""));
    assertEquals("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}",
        ErrorMapper.oauthBody(error).encode());
    assertEquals(401, error.status());
    assertEquals(OAuthError.INVALID_CLIENT, error.oauthError(), "headers keep the OAuth flavour");
  }

  @Test
  void validationFailuresAndWrongBodiesBecomeInvalidRequestOthersStayAsTheyAre() {
    ApiException missing = OAuthError.forTokenEndpoint(ApiException.of(ErrorCode.MISSING_PARAMETER, "Missing grant_type"));
    assertEquals(OAuthError.INVALID_REQUEST, missing.oauthError());
    assertEquals(400, missing.status());
    assertEquals("Missing grant_type", missing.getMessage());
    assertEquals(OAuthError.INVALID_REQUEST,
        OAuthError.forTokenEndpoint(ApiException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE)).oauthError());
    ApiException tooLarge = ApiException.of(ErrorCode.PAYLOAD_TOO_LARGE);
    assertSame(tooLarge, OAuthError.forTokenEndpoint(tooLarge));
    ApiException unavailable = ApiException.of(ErrorCode.SERVICE_UNAVAILABLE);
    assertSame(unavailable, OAuthError.forTokenEndpoint(unavailable));
  }

  @Test
  void descriptionsKeepToTheCharactersRfc6749Allows() {
    assertEquals("Invalid value for 'grant_type': caf? /n", OAuthError.description("Invalid value for \"grant_type\": café \\n"));
  }
}
