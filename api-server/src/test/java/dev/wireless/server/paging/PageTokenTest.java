package dev.wireless.server.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.errors.ApiException;
import dev.wireless.server.errors.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTokenTest {

  @Test
  void tokensRoundTrip() {
    for (PageToken token : List.of(PageToken.after(0), PageToken.after(123456789L), PageToken.before(42))) {
      assertEquals(token, PageToken.decode(token.encode()));
      assertTrue(token.encode().startsWith("PT"));
    }
  }

  @Test
  void anythingNotIssuedIs33103() {
    for (String bad : List.of("", "PT", "PTzz", "PA123", "PT" + "YTo=", "PTYjotMQ", "PTYzoxMg", "PT!!!")) {
      ApiException error = assertThrows(ApiException.class, () -> PageToken.decode(bad), bad);
      assertEquals(ErrorCode.INVALID_PAGING, error.code(), bad);
    }
  }

  @Test
  void defaultsApplyWhenParametersAreAbsent() {
    PageRequest request = PageRequest.of(null, null, null);
    assertEquals(50, request.size());
    assertEquals(0, request.page());
    assertEquals(null, request.token());
  }
}
