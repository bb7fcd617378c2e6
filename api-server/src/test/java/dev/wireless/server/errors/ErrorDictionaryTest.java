package dev.wireless.server.errors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Every code the platform can answer with is explained, so every more_info link leads somewhere. */
class ErrorDictionaryTest {

  private final ErrorDictionary dictionary = ErrorDictionary.load();

  @Test
  void everyErrorCodeHasAnEntryWithCauseAndSolution() {
    for (ErrorCode code : ErrorCode.values()) {
      JsonObject entry = dictionary.find(code.code()).orElse(null);
      assertTrue(entry != null, "no dictionary entry for " + code + " (" + code.code() + ")");
      assertFalse(entry.getString("title", "").isBlank(), code.name());
      assertFalse(entry.getString("cause", "").isBlank(), code.name());
      assertFalse(entry.getString("solution", "").isBlank(), code.name());
    }
  }

  @Test
  void pagesEscapeTextAndLinkBack() {
    String page = ErrorDictionary.page(new JsonObject().put("code", 33101).put("title", "<b>x</b>")
        .put("cause", "uses `Status`").put("solution", "a & b"));
    assertTrue(page.contains("&lt;b&gt;x&lt;/b&gt;"), page);
    assertTrue(page.contains("<code>Status</code>"), page);
    assertTrue(page.contains("a &amp; b"), page);
    assertTrue(page.contains("href=\"/docs\""), page);
  }
}
