package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.assertError;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rate plan whose data metering is deprecated ({@code quota-1}, {@code quota-10},
 * {@code quota-50}) can still be created, but no SIM is activated on it: 400, 33122 "Rate Plan Is
 * Not Allowed", and the SIM is left as it was.
 */
class SimDeprecatedDataMeteringTest extends ContractCheck {

  @Test
  void activatingASimOnAQuota10PlanIs33122() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String quota = account.ratePlan("UniqueName", "legacy-quota", "DataMetering", "quota-10");
    assertEquals("quota-10", account.get("/v1/RatePlans/" + quota).getString("data_metering"));
    List<UsageTestAccount.Sim> fresh = account.sims(2, null, null);

    JsonObject refused = assertError(update(account, fresh.get(0).sid(), "Status", "active", "RatePlan", quota),
        400, 33122);
    assertEquals("Cannot activate a SIM on a Rate Plan with deprecated Data Metering (quota-10); use a Rate Plan "
        + "with payg Data Metering", refused.getString("message"));
    assertError(update(account, fresh.get(0).sid(), "Status", "ready", "RatePlan", quota), 400, 33122);
    JsonObject unchanged = account.get("/v1/Sims/" + fresh.get(0).sid());
    assertEquals("new", unchanged.getString("status"));
    assertNull(unchanged.getString("rate_plan_sid"));

    // a new SIM may be given the plan; activating it there is what is refused
    assertEquals(quota, json(update(account, fresh.get(1).sid(), "RatePlan", quota), 200).getString("rate_plan_sid"));
    assertError(update(account, fresh.get(1).sid(), "Status", "active"), 400, 33122);
    assertEquals("new", account.get("/v1/Sims/" + fresh.get(1).sid()).getString("status"));
  }

  @Test
  void anActiveSimCannotMoveToADeprecatedPlanAndPaygStillActivates() {
    UsageTestAccount account = new UsageTestAccount(platform);
    String payg = account.ratePlan("UniqueName", "current", "DataMetering", "payg");
    String quota = account.ratePlan("UniqueName", "legacy-quota", "DataMetering", "quota-50");
    UsageTestAccount.Sim active = account.sims(1, payg, "active").get(0);
    assertError(update(account, active.sid(), "RatePlan", quota), 400, 33122);
    assertEquals(payg, account.get("/v1/Sims/" + active.sid()).getString("rate_plan_sid"));

    UsageTestAccount.Sim fresh = account.sims(1, null, null).get(0);
    assertEquals("updating", json(update(account, fresh.sid(), "Status", "active", "RatePlan", payg), 202)
        .getString("status"));
    // once active, the SIM's activation time is stored: its metering period starts on that day
    Await.awaitUntil(Duration.ofSeconds(30),
        () -> "active".equals(account.get("/v1/Sims/" + fresh.sid()).getString("status")));
    Row stored = TestPlatform.await(UsageTestAccount.pool(platform).query(
        "select activated_at, updated_at from sims where sid = '" + fresh.sid() + "'").execute()).iterator().next();
    assertNotNull(stored.getOffsetDateTime(0));
    assertTrue(!stored.getOffsetDateTime(0).isAfter(stored.getOffsetDateTime(1)), stored.toString());
  }

  private static HttpResponse<String> update(UsageTestAccount account, String simSid, String... form) {
    return account.http.postForm("/v1/Sims/" + simSid, account.auth, form);
  }
}
