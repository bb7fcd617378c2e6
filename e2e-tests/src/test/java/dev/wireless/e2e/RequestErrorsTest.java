package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input always gets a 4xx with the JSON error body and the most specific code. */
class RequestErrorsTest extends ContractCheck {

  private RawHttp http;
  private String auth;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    auth = bearer(platform.newAccount().authToken());
  }

  @Test
  void invalidEnumValueIs33101() {
    JsonObject error = assertError(http.postForm("/v1/RatePlans", auth, "DataMetering", "unlimited"), 400, 33101);
    assertTrue(error.getString("message").contains("DataMetering"), error.encode());
    assertError(http.postForm("/v1/RatePlans", auth, "InternationalRoaming", "data", "InternationalRoaming", "telepathy"),
        400, 33101);
    assertError(http.postForm("/v1/RatePlans", auth, "DataLimitStrategy", "stop"), 400, 33101);
  }

  @Test
  void outOfRangeAndMistypedNumbersAre33101() {
    assertError(http.postForm("/v1/RatePlans", auth, "DataLimit", "0"), 400, 33101);
    assertError(http.postForm("/v1/RatePlans", auth, "DataLimit", "abc"), 400, 33101);
    assertError(http.postForm("/v1/RatePlans", auth, "DataEnabled", "maybe"), 400, 33101);
    assertError(http.postForm("/v1/RatePlans", auth, "UsageNotificationUrl", "not a url"), 400, 33101);
  }

  @Test
  void uniqueNameMustBeShortAndNotShapedLikeASid() {
    assertError(http.postForm("/v1/RatePlans", auth, "UniqueName", "x".repeat(65)), 400, 33101);
    assertError(http.postForm("/v1/RatePlans", auth, "UniqueName", "WP0123456789abcdef0123456789ABCDEF"), 400, 33101);
    json(http.postForm("/v1/RatePlans", auth, "UniqueName", "x".repeat(64)), 201);
    assertError(http.postForm("/v1/RatePlans", auth, "UniqueName", "x".repeat(64)), 409, 33101);
  }

  @Test
  void badPagingIs33103Or20007() {
    assertError(http.get("/v1/RatePlans?PageSize=0", auth), 400, 33103);
    assertError(http.get("/v1/RatePlans?PageSize=1001", auth), 400, 20007);
    assertError(http.get("/v1/RatePlans?PageSize=ten", auth), 400, 33103);
    assertError(http.get("/v1/RatePlans?Page=-1", auth), 400, 33103);
    assertError(http.get("/v1/RatePlans?PageToken=PAnotatoken", auth), 400, 33103);
    json(http.get("/v1/RatePlans?PageSize=1000", auth), 200);
  }

  @Test
  void aJsonBodyToAFormEndpointIs415() {
    assertError(http.post("/v1/RatePlans", auth, "application/json", "{\"UniqueName\":\"json\"}"), 415, 20415);
  }

  @Test
  void malformedFormBodiesAre400NeverA500() {
    for (String body : new String[] {"=&&&=", "=x", "FriendlyName=%E2%82", "FriendlyName=%zz", "&&&", "=",
        "UniqueName=" + "x".repeat(5000), "UsageNotificationUrl=http://x/" + "y".repeat(3000)}) {
      var response = http.post("/v1/RatePlans", auth, "application/x-www-form-urlencoded", body);
      assertTrue(response.statusCode() == 201 || response.statusCode() == 400, body + " -> " + response.body());
      if (response.statusCode() == 400) {
        assertError(response, 400, 33101);
      }
    }
  }

  @Test
  void anOversizedBodyIs413() {
    assertError(http.post("/v1/RatePlans", auth, "application/x-www-form-urlencoded",
        "FriendlyName=" + "a".repeat(200_000)), 413, 20413);
  }

  @Test
  void unknownParametersAreIgnoredNeverApplied() {
    JsonObject plan = json(http.postForm("/v1/RatePlans", auth, "UniqueName", "strict", "data_limit", "5",
        "Sid", "WP00000000000000000000000000000000", "AccountSid", "AC00000000000000000000000000000000"), 201);

    assertEquals(1000, plan.getInteger("data_limit"));
    assertFalse(plan.getString("sid").equals("WP00000000000000000000000000000000"));
    JsonObject renamed = json(http.postForm("/v1/RatePlans/strict", auth, "DataLimit", "7", "FriendlyName", "ok"), 200);
    assertEquals(1000, renamed.getInteger("data_limit"));
    assertEquals("ok", renamed.getString("friendly_name"));
  }

  @Test
  void unknownRoutesWrongMethodsAndUnbuiltOperationsAnswerWithTheErrorBody() {
    assertError(http.get("/v1/Nothing", auth), 404, 20404);
    assertError(http.delete("/v1/RatePlans", auth), 405, 20004);
    assertError(http.get("/v1/RatePlans/WP0123456789abcdef0123456789abcdef", auth), 404, 20404);
  }

  @Test
  void aJsonSuffixAddressesTheSameResource() {
    JsonObject plan = json(http.postForm("/v1/RatePlans.json", auth, "UniqueName", "suffixed"), 201);
    assertEquals(plan, json(http.get("/v1/RatePlans/suffixed.json", auth), 200));
    assertEquals(1, json(http.get("/v1/RatePlans.json?PageSize=5", auth), 200).getJsonArray("rate_plans").size());
  }

  @Test
  void deletingAPlanThatSimsUseIsRefusedWith409() {
    JsonObject plan = json(http.postForm("/v1/RatePlans", auth, "UniqueName", "in-use"), 201);
    platform.sql("insert into sims (sid, account_sid, rate_plan_id, iccid, status) select "
        + "'DE' || md5(random()::text), account_sid, id, '8901260' || lpad((random() * 1e12)::bigint::text, 12, '0') || '0', "
        + "'active' from rate_plans where sid = '" + plan.getString("sid") + "'");

    assertError(http.delete("/v1/RatePlans/in-use", auth), 409, 33130);
    json(http.get("/v1/RatePlans/in-use", auth), 200);
  }
}
