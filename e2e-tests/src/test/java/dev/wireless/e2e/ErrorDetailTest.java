package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error body carries {@code detail}, the nature of the error: the same text for every error
 * of one code (the code's title in the served error dictionary), while {@code message} names this
 * occurrence's cause.
 */
class ErrorDetailTest extends ContractCheck {

  private RawHttp http;
  private String auth;
  private Map<Integer, String> titles;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    auth = bearer(platform.newAccount().authToken());
    JsonArray dictionary = new JsonArray(http.get("/docs/errors.json", null).body());
    titles = dictionary.stream().map(JsonObject.class::cast)
        .collect(Collectors.toMap(e -> e.getInteger("code"), e -> e.getString("title")));
  }

  @Test
  void theSameCodeHasTheSameDetailAndItsOwnMessage() {
    JsonObject metering = assertError(http.postForm("/v1/RatePlans", auth, "DataMetering", "unlimited"), 400, 33101);
    JsonObject limit = assertError(http.postForm("/v1/RatePlans", auth, "DataLimit", "0"), 400, 33101);
    assertEquals("Invalid parameter value", metering.getString("detail"));
    assertEquals(metering.getString("detail"), limit.getString("detail"));
    assertNotEquals(metering.getString("message"), limit.getString("message"));
  }

  @Test
  void everyKindOfErrorHasTheDictionaryTitleAsDetail() {
    JsonObject[] errors = {
        assertError(http.get("/v1/RatePlans", null), 401, 20003),
        assertError(http.get("/v1/RatePlans/nope", auth), 404, 20404),
        assertError(http.get("/v1/RatePlans?PageToken=PAnotatoken", auth), 400, 33103),
        assertError(http.get("/v1/RatePlans?PageSize=1001", auth), 400, 20007),
        assertError(http.post("/v1/RatePlans", auth, "application/json", "{}"), 415, 20415),
        assertError(http.delete("/v1/Commands", auth), 405, 20004),
        assertError(http.postForm("/v1/Commands", auth, "Command", "hi"), 400, 33102),
        assertError(http.postForm("/v1/Commands", auth, "Command", "hi", "Sim", "missing"), 404, 33107),
    };
    for (JsonObject error : errors) {
      assertEquals(titles.get(error.getInteger("code")), error.getString("detail"), error.encode());
    }
    assertEquals("Authenticate", errors[0].getString("detail"));
  }

  @Test
  void theDetailSitsBesideTheFieldsTwilioClientsRead() {
    String body = http.get("/v1/Sims/DE00000000000000000000000000000000", auth).body();
    JsonObject error = new JsonObject(body);
    assertEquals(java.util.List.of("code", "message", "more_info", "status", "detail"),
        java.util.List.copyOf(error.fieldNames()));
  }
}
