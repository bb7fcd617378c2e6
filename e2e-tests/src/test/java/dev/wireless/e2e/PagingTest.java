package dev.wireless.e2e;

import static dev.wireless.e2e.RawHttp.bearer;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyset paging: following next_page_url visits every item exactly once, even while rows arrive. */
class PagingTest extends ContractCheck {

  private RawHttp http;
  private String auth;

  @BeforeEach
  void setUp() {
    http = new RawHttp(platform.baseUrl());
    auth = bearer(platform.newAccount().authToken());
  }

  private Set<String> createPlans(int count, String prefix) {
    Set<String> sids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      sids.add(json(http.postForm("/v1/RatePlans", auth, "UniqueName", prefix + i), 201).getString("sid"));
    }
    return sids;
  }

  @Test
  void followingNextPageUrlYieldsAll120PlansExactlyOnce() {
    Set<String> created = createPlans(120, "plan-");

    List<String> seen = new ArrayList<>();
    JsonObject page = json(http.get("/v1/RatePlans?PageSize=7", auth), 200);
    assertNull(page.getJsonObject("meta").getString("previous_page_url"));
    int pages = 0;
    while (true) {
      pages++;
      JsonObject meta = page.getJsonObject("meta");
      assertEquals("rate_plans", meta.getString("key"));
      assertEquals(7, meta.getInteger("page_size"));
      assertEquals(pages - 1, meta.getInteger("page"));
      page.getJsonArray("rate_plans").forEach(p -> seen.add(((JsonObject) p).getString("sid")));
      String next = meta.getString("next_page_url");
      if (next == null) {
        break;
      }
      assertTrue(next.startsWith(platform.baseUrl() + "/v1/RatePlans?PageSize=7&Page=" + pages + "&PageToken="), next);
      page = json(http.get(next, auth), 200);
      assertNotNull(page.getJsonObject("meta").getString("previous_page_url"));
    }

    assertEquals(18, pages);
    assertEquals(120, seen.size());
    assertEquals(created, new HashSet<>(seen));
  }

  @Test
  void rowsInsertedWhilePagingNeverRepeatOrHideEarlierRows() {
    Set<String> before = createPlans(30, "early-");

    List<String> seen = new ArrayList<>();
    String url = "/v1/RatePlans?PageSize=4";
    int inserted = 0;
    while (url != null) {
      JsonObject page = json(http.get(url, auth), 200);
      page.getJsonArray("rate_plans").forEach(p -> seen.add(((JsonObject) p).getString("sid")));
      if (inserted < 5) {
        json(http.postForm("/v1/RatePlans", auth, "UniqueName", "late-" + inserted++), 201);
      }
      url = page.getJsonObject("meta").getString("next_page_url");
    }

    assertEquals(seen.size(), new HashSet<>(seen).size(), "no plan seen twice");
    assertTrue(seen.containsAll(before), "every plan that existed before paging started was seen");
    assertEquals(35, seen.size(), "plans added during paging appear once, at the end");
  }

  @Test
  void previousPageUrlWalksBackToTheFirstPage() {
    createPlans(10, "walk-");
    JsonObject first = json(http.get("/v1/RatePlans?PageSize=3", auth), 200);
    JsonObject second = json(http.get(first.getJsonObject("meta").getString("next_page_url"), auth), 200);
    JsonObject third = json(http.get(second.getJsonObject("meta").getString("next_page_url"), auth), 200);

    JsonObject back = json(http.get(third.getJsonObject("meta").getString("previous_page_url"), auth), 200);
    assertEquals(second.getJsonArray("rate_plans"), back.getJsonArray("rate_plans"));
    assertEquals(1, back.getJsonObject("meta").getInteger("page"));
    JsonObject start = json(http.get(back.getJsonObject("meta").getString("previous_page_url"), auth), 200);
    assertEquals(first.getJsonArray("rate_plans"), start.getJsonArray("rate_plans"));
    assertNull(start.getJsonObject("meta").getString("previous_page_url"));
  }
}
