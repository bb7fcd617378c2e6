package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console's sign-in and fleet in headless Chromium: the access token kept only in
 * sessionStorage, the first page of 50 SIMs within a second of signing in, per-status counts,
 * filters, search, paging, activating a SIM live, and what a wrong or expired token shows.
 */
class ConsoleFleetBrowserTest extends ContractCheck {

  private static ConsoleBrowser browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = new ConsoleBrowser(TestPlatform.get().baseUrl());
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    browser.close();
  }

  private static By rows() {
    return By.cssSelector("#fleet-table tbody tr");
  }

  private static By count(String status) {
    return By.cssSelector("[data-count-for='" + status + "']");
  }

  @Test
  void signingInShowsTheFirst50SimsWithinASecondAndKeepsTheTokenInSessionStorageOnly() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    String plan = account.ratePlan("fleet-plan");
    account.sims("idle", 40);
    account.sims("live", 20);
    account.place("live", "active", plan);

    browser.signIn(account.sid(), account.token());
    browser.waitFor(d -> browser.all(rows()).size() == 50);
    long renderMs = Long.parseLong(browser.visible(By.id("fleet-table")).getDomAttribute("data-render-ms"));
    browser.waitForText(count("all"), "60");
    browser.waitForText(count("new"), "40");
    browser.waitForText(count("active"), "20");
    browser.screenshot("fleet");

    System.out.println("console fleet of 50 SIMs rendered " + renderMs + " ms after sign-in");
    assertTrue(renderMs < 1000, "fleet rendered after " + renderMs + " ms");
    assertEquals(Map.of("session", 1L, "local", 0L, "cookies", 0L), browser.storage());
    browser.visible(By.id("next-page")).click();
    browser.waitFor(d -> browser.all(rows()).size() == 10);

    browser.visible(By.id("sign-out")).click();
    browser.visible(By.id("sign-in"));
    assertEquals(0L, browser.storage().get("session"));
    assertEquals(List.of(), browser.policyViolations());
  }

  @Test
  void theFleetFiltersByStatusRatePlanAndSearch() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    String gold = account.ratePlan("gold");
    String silver = account.ratePlan("silver");
    account.sims("gold", 6);
    account.sims("silver", 4);
    List<String> fresh = account.sims("fresh", 3);
    account.place("gold", "active", gold);
    account.place("silver", "suspended", silver);
    browser.signedIn(account.sid(), account.token());
    browser.waitFor(d -> browser.all(rows()).size() == 13);

    browser.visible(By.cssSelector("button[data-status='active']")).click();
    browser.waitFor(d -> browser.all(rows()).size() == 6);
    assertTrue(browser.all(By.cssSelector("#fleet-table .sim-status")).stream().allMatch(c -> c.getText().equals("active")));

    browser.visible(By.cssSelector("button[data-status='all']")).click();
    browser.choose(By.id("filter-rate-plan"), "silver");
    browser.waitFor(d -> browser.all(rows()).size() == 4);
    assertTrue(browser.all(rows()).stream().allMatch(r -> r.getText().contains("silver")));
    browser.screenshot("fleet-filtered");

    search(fresh.get(1));
    browser.waitFor(d -> browser.all(rows()).size() == 1 && browser.all(rows()).get(0).getText().contains(fresh.get(1)));
    search("gold-3");
    browser.waitFor(d -> browser.all(rows()).size() == 1 && browser.all(rows()).get(0).getText().contains("gold-3"));
    search("no-such-sim");
    browser.waitForText(By.cssSelector("main .notice"), "No SIM is named no-such-sim.");
    search("");
    browser.choose(By.id("filter-rate-plan"), "All rate plans");
    browser.waitFor(d -> browser.all(rows()).size() == 13);
  }

  @Test
  void activatingAReadySimShowsItUpdatingThenActive() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    String plan = account.ratePlan("activation");
    account.sims("tracker", 1);
    account.place("tracker", "ready", plan);
    String sid = account.sim("tracker-0").getString("sid");
    browser.signedIn(account.sid(), account.token());

    browser.visible(By.linkText("tracker-0")).click();
    browser.waitFor(d -> "ready".equals(browser.visible(By.id("sim-status")).getDomAttribute("data-status")));
    browser.choose(By.id("sim-new-status"), "active");
    browser.visible(By.cssSelector("#sim-status-form button[type=submit]")).click();
    browser.waitFor(d -> "updating".equals(browser.visible(By.id("sim-status")).getDomAttribute("data-status")));
    browser.screenshot("sim-updating");
    browser.waitFor(d -> "active".equals(browser.visible(By.id("sim-status")).getDomAttribute("data-status")));
    browser.waitForText(By.id("sim-live"), "Done: the SIM is active.");
    browser.screenshot("sim-active");

    assertEquals("active", account.get("/v1/Sims/" + sid).getString("status"));
  }

  @Test
  void aBulkStatusChangeSendsOneRequestPerSimAndListsTheFailuresWithTheirCode() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    String plan = account.ratePlan("bulk");
    account.sims("planned", 3);
    account.sims("planless", 2);
    account.place("planned", "ready", plan);
    browser.signedIn(account.sid(), account.token());
    browser.waitFor(d -> browser.all(rows()).size() == 5);

    browser.visible(By.cssSelector("#fleet-table thead input[type=checkbox]")).click();
    browser.waitForText(By.id("bulk-count"), "5 selected");
    browser.chooseValue(By.cssSelector("select[name=Status]"), "active");
    browser.visible(By.cssSelector("button[type=submit][aria-controls=bulk-progress]")).click();
    browser.waitForText(By.id("bulk-progress"), "5 of 5 done, 2 failed");
    browser.screenshot("fleet-bulk");

    List<WebElement> failures = browser.all(By.cssSelector("#bulk-failures .error"));
    assertEquals(2, failures.size());
    assertTrue(failures.stream().allMatch(f -> "33104".equals(f.getDomAttribute("data-code"))));
    Await.awaitUntil(java.time.Duration.ofSeconds(30), () -> account.get("/v1/Sims?Status=active").getJsonArray("sims").size() == 3);
  }

  @Test
  void onAPhoneTheFleetFitsTheScreenWidth() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    account.sims("pocket", 5);
    try (ConsoleBrowser phone = new ConsoleBrowser(platform.baseUrl(), 390, 844)) {
      phone.signedIn(account.sid(), account.token());
      phone.waitFor(d -> phone.all(rows()).size() == 5);
      phone.screenshot("fleet-phone");
      assertEquals(Boolean.TRUE, phone.script("return document.documentElement.scrollWidth <= window.innerWidth"));
      assertEquals("none", phone.script("return getComputedStyle(document.querySelector('#fleet-table thead')).display"));
    }
  }

  @Test
  void aWrongAuthTokenShowsTheErrorWithItsCodeAndPage() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    browser.signIn(account.sid(), "0".repeat(32));

    WebElement error = browser.visible(By.cssSelector("#sign-in .error"));
    browser.screenshot("sign-in-refused");
    assertEquals("20003", error.getDomAttribute("data-code"));
    assertTrue(error.getText().startsWith("Error 20003: "), error.getText());
    assertEquals("/docs/errors/20003", error.findElement(By.tagName("a")).getDomAttribute("href"));
    assertEquals(0L, browser.storage().get("session"));
  }

  @Test
  void anExpiredAccessTokenSendsThePersonBackToSignIn() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    browser.signedIn(account.sid(), account.token());
    assertEquals(1, platform.sql("update access_tokens set expires_at = now() - interval '1 second' "
        + "where account_sid = '" + account.sid() + "'"));

    browser.visible(By.cssSelector("#nav a[data-section='rate-plans']")).click();
    browser.waitForText(By.cssSelector("#sign-in .notice"), "Your session has expired. Sign in again.");
    assertEquals(0L, browser.storage().get("session"));
  }

  @Test
  void theConsoleIsServedWithItsSecurityAndCacheHeaders() {
    RawHttp http = new RawHttp(platform.baseUrl());
    HttpResponse<String> shell = http.get("/console", null);
    assertEquals(200, shell.statusCode());
    assertEquals("no-cache", shell.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("DENY", shell.headers().firstValue("X-Frame-Options").orElse(""));
    String policy = shell.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.startsWith("default-src 'self';") && policy.contains("frame-ancestors 'none'")
        && !policy.contains("unsafe-inline"), policy);
    HttpResponse<String> uplot = http.get("/console/vendor/uplot/1.6.30/dist/uPlot.iife.min.js", null);
    assertEquals(200, uplot.statusCode());
    assertEquals("public, max-age=31536000, immutable", uplot.headers().firstValue("Cache-Control").orElse(""));

    long shellBytes = shell.body().length();
    for (String asset : List.of("app.js", "api.js", "dom.js", "fleet.js", "sim.js", "sim-usage.js", "chart.js",
        "commands.js", "rateplans.js", "usage.js", "debugger.js", "console.css")) {
      HttpResponse<String> file = http.get("/console/assets/" + asset, null);
      assertEquals(200, file.statusCode(), asset);
      shellBytes += file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
    long withChart = shellBytes + uplot.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    System.out.println("console shell and scripts: " + shellBytes + " bytes; with uPlot: " + withChart + " bytes");
    assertTrue(withChart < 200_000, withChart + " bytes");
  }

  private static void search(String text) {
    WebElement box = browser.visible(By.id("fleet-search"));
    box.clear();
    box.sendKeys(text + Keys.ENTER);
  }
}
