package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.client.ApiClient;
import dev.wireless.client.ApiException;
import dev.wireless.client.api.RatePlansApi;
import dev.wireless.client.model.DataLimitStrategy;
import dev.wireless.client.model.DataMetering;
import dev.wireless.client.model.HttpMethod;
import dev.wireless.client.model.InternationalRoamingFeature;
import dev.wireless.client.model.RatePlan;
import dev.wireless.server.accounts.AccountService.NewCredentials;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RatePlans end to end, driven only through the generated client. */
class RatePlansClientTest extends ContractCheck {

  /** The generated client iterates the array parameter without a null check, so "none" is an empty list. */
  private static final List<InternationalRoamingFeature> NO_ROAMING = List.of();

  private RatePlansApi ratePlans;

  static RatePlansApi ratePlansApi(TestPlatform platform, NewCredentials account) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(platform.baseUrl());
    client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + account.authToken()));
    return new RatePlansApi(client);
  }

  @BeforeEach
  void newAccount() {
    ratePlans = ratePlansApi(platform, platform.newAccount());
  }

  @Test
  void createWithOnlyAUniqueNameAppliesTheDocumentedDefaults() throws ApiException {
    RatePlan plan = ratePlans.createRatePlan(null, "basic", null, null, null, null, null, null, null, NO_ROAMING, null, null, null,
        null, null);

    assertTrue(plan.getSid().matches("^WP[0-9a-f]{32}$"));
    assertEquals("basic", plan.getUniqueName());
    assertEquals(1000, plan.getDataLimit());
    assertEquals(1000, plan.getNationalRoamingDataLimit(), "roaming is limited like home use by default");
    assertEquals(1000, plan.getInternationalRoamingDataLimit());
    assertEquals("payg", plan.getDataMetering());
    assertEquals(Boolean.TRUE, plan.getDataEnabled());
    assertEquals(Boolean.TRUE, plan.getMessagingEnabled());
    assertEquals(Boolean.FALSE, plan.getVoiceEnabled());
    assertEquals(List.of(), plan.getInternationalRoaming());
    assertEquals("block", plan.getDataLimitStrategy());
    assertNull(plan.getFriendlyName());
    assertEquals(URI.create(platform.baseUrl() + "/v1/RatePlans/" + plan.getSid()), plan.getUrl());
  }

  @Test
  void everyParameterRoundTripsIncludingRepeatedKeyArrays() throws ApiException {
    RatePlan plan = ratePlans.createRatePlan(null, "global", "Global trackers", false, 250, DataMetering.QUOTA_10, false, true,
        false, List.of(InternationalRoamingFeature.DATA, InternationalRoamingFeature.MESSAGING), 100, 50,
        DataLimitStrategy.THROTTLE, URI.create("https://example.com/usage"), HttpMethod.GET);

    RatePlan fetched = ratePlans.fetchRatePlan(plan.getSid());
    assertEquals(plan, fetched);
    assertEquals("Global trackers", fetched.getFriendlyName());
    assertEquals(Boolean.FALSE, fetched.getDataEnabled());
    assertEquals(250, fetched.getDataLimit());
    assertEquals("quota-10", fetched.getDataMetering());
    assertEquals(Boolean.FALSE, fetched.getMessagingEnabled());
    assertEquals(Boolean.TRUE, fetched.getVoiceEnabled());
    assertEquals(Boolean.FALSE, fetched.getNationalRoamingEnabled());
    assertEquals(List.of("data", "messaging"), fetched.getInternationalRoaming());
    assertEquals(100, fetched.getNationalRoamingDataLimit());
    assertEquals(50, fetched.getInternationalRoamingDataLimit());
    assertEquals("throttle", fetched.getDataLimitStrategy());
    assertEquals(URI.create("https://example.com/usage"), fetched.getUsageNotificationUrl());
    assertEquals("GET", fetched.getUsageNotificationMethod());
  }

  @Test
  void fetchByUniqueNameReturnsTheSamePlanAsBySid() throws ApiException {
    RatePlan plan = ratePlans.createRatePlan(null, "by-name", "x", null, 5, null, null, null, null, NO_ROAMING, null, null, null,
        null, null);

    assertEquals(plan, ratePlans.fetchRatePlan("by-name"));
    assertEquals(plan, ratePlans.fetchRatePlan(plan.getSid().toUpperCase().replaceFirst("^WP", "WP")));
  }

  @Test
  void updateChangesOnlyTheNamesAndLeavesEverythingElse() throws ApiException {
    RatePlan plan = ratePlans.createRatePlan(null, "before", "Before", true, 42, DataMetering.QUOTA_1, true, false, true,
        List.of(InternationalRoamingFeature.DATA), 7, 8, DataLimitStrategy.BLOCK, null, null);

    RatePlan renamed = ratePlans.updateRatePlan(plan.getSid(), null, "after", null);
    assertEquals("after", renamed.getUniqueName());
    assertEquals("Before", renamed.getFriendlyName());
    RatePlan friendly = ratePlans.updateRatePlan("after", null, null, "After");

    assertEquals("After", friendly.getFriendlyName());
    assertEquals("after", friendly.getUniqueName());
    assertEquals(plan.getDataLimit(), friendly.getDataLimit());
    assertEquals(plan.getDataMetering(), friendly.getDataMetering());
    assertEquals(plan.getInternationalRoaming(), friendly.getInternationalRoaming());
    assertEquals(plan.getNationalRoamingDataLimit(), friendly.getNationalRoamingDataLimit());
    assertEquals(plan.getInternationalRoamingDataLimit(), friendly.getInternationalRoamingDataLimit());
    assertEquals(plan.getDateCreated(), friendly.getDateCreated());
    assertFalse(friendly.getDateUpdated().isBefore(plan.getDateUpdated()));
  }

  @Test
  void deleteThenFetchIsNotFound() throws ApiException {
    RatePlan plan = ratePlans.createRatePlan(null, "doomed", null, null, null, null, null, null, null, NO_ROAMING, null, null,
        null, null, null);

    ratePlans.deleteRatePlan("doomed");

    ApiException gone = assertThrows(ApiException.class, () -> ratePlans.fetchRatePlan(plan.getSid()));
    assertEquals(404, gone.getCode());
    assertEquals(20404, new JsonObject(gone.getResponseBody()).getInteger("code"));
    ApiException again = assertThrows(ApiException.class, () -> ratePlans.deleteRatePlan(plan.getSid()));
    assertEquals(404, again.getCode());
  }

  @Test
  void anEmptyListHasTheFullMetaEnvelope() throws ApiException {
    var list = ratePlans.listRatePlan(null, null, null);

    assertEquals(List.of(), list.getRatePlans());
    assertNotNull(list.getMeta());
    assertEquals("rate_plans", list.getMeta().getKey());
    assertEquals(50, list.getMeta().getPageSize());
    assertEquals(0, list.getMeta().getPage());
    assertNull(list.getMeta().getNextPageUrl());
    assertNull(list.getMeta().getPreviousPageUrl());
    assertTrue(list.getMeta().getUrl().toString().endsWith("/v1/RatePlans?PageSize=50&Page=0"));
  }
}
