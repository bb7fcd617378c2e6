package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A SIM's page in headless Chromium: a Command sent from the form followed live until the network
 * confirms delivery, and the usage chart drawn from usage fed through the operator's network feed.
 */
class ConsoleSimBrowserTest extends ContractCheck {

  /** Pixels of the first series' line colour (#0b5fff) on the chart's canvas. */
  private static final String SERIES_PIXELS = "const c = document.querySelector(arguments[0] + ' canvas');"
      + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
      + "for (let i = 0; i < d.length; i += 4) { if (Math.abs(d[i] - 11) < 40 && Math.abs(d[i + 1] - 95) < 40"
      + " && d[i + 2] > 200 && d[i + 3] > 200) n++; } return n;";

  private static ConsoleBrowser browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = new ConsoleBrowser(TestPlatform.get().baseUrl());
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    browser.close();
  }

  @Test
  void aCommandSentFromTheSimPageIsShownUntilDelivered() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    account.sims("meter", 1);
    account.place("meter", "active", account.ratePlan("metering"));
    browser.signedIn(account.sid(), account.token());
    browser.visible(By.linkText("meter-0")).click();

    browser.visible(By.id("command-text")).sendKeys("report position");
    browser.visible(By.cssSelector("#command-form button[type=submit]")).click();
    browser.waitForText(By.cssSelector("#commands-table tbody tr:first-child .command-status"), "delivered");
    browser.screenshot("sim-command-delivered");

    var commands = account.get("/v1/Commands?Sim=meter-0").getJsonArray("commands");
    assertEquals(1, commands.size());
    assertEquals("report position", commands.getJsonObject(0).getString("command"));
    assertEquals("delivered", commands.getJsonObject(0).getString("status"));
    assertEquals(List.of(), browser.policyViolations());
  }

  @Test
  void aCommandTheApiRefusesShowsItsCodeAtTheForm() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    account.sims("chatty", 1);
    account.place("chatty", "active", account.ratePlan("chatty"));
    browser.signedIn(account.sid(), account.token());
    browser.visible(By.linkText("chatty-0")).click();

    browser.visible(By.id("command-text")).sendKeys("x".repeat(161));
    browser.visible(By.cssSelector("#command-form button[type=submit]")).click();

    browser.waitForText(By.cssSelector("#command-form .error"), "Error 33111: ");
    assertEquals("/docs/errors/33111", browser.visible(By.cssSelector("#command-form .error a")).getDomAttribute("href"));
  }

  @Test
  void theUsageChartDrawsTheUsageTheNetworkReported() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    String iccid = account.sims("probe", 1).get(0);
    account.place("probe", "active", account.ratePlan("probing"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    new NetworkFeed(platform).send(
        NetworkFeed.session("session_end", "console-1", iccid, "s-1", now.minusHours(30), now.minusHours(29),
            3_000_000, 9_000_000),
        NetworkFeed.roaming(NetworkFeed.session("session_end", "console-2", iccid, "s-2", now.minusHours(3),
            now.minusHours(2), 1_500_000, 4_000_000), "national", null));
    browser.signedIn(account.sid(), account.token());
    browser.visible(By.linkText("probe-0")).click();

    browser.waitFor(d -> points("#sim-usage-chart") >= 2);
    browser.waitFor(d -> seriesPixels("#sim-usage-chart") > 50);
    browser.script("document.getElementById('h-usage').scrollIntoView()");
    browser.screenshot("sim-usage-daily");
    browser.chooseValue(By.id("sim-usage-granularity"), "hourly");
    browser.waitFor(d -> drawn("hourly", "direction") && points("#sim-usage-chart") >= 4);
    browser.chooseValue(By.id("sim-usage-split"), "network");
    browser.waitFor(d -> drawn("hourly", "network") && points("#sim-usage-chart") >= 2
        && seriesPixels("#sim-usage-chart") > 50);
    browser.visible(By.cssSelector("#sessions-table tbody tr"));
    browser.screenshot("sim-usage-hourly-by-network");

    assertEquals(2, browser.all(By.cssSelector("#sessions-table tbody tr")).size());
    assertTrue(browser.visible(By.id("sessions-table")).getText().contains("T-Mobile USA"));

    browser.visible(By.cssSelector("#nav a[data-section='usage']")).click();
    browser.waitFor(d -> points("#usage-data-chart") >= 2 && seriesPixels("#usage-data-chart") > 50);
    String totals = browser.visible(By.cssSelector("#usage-table tfoot")).getText();
    assertTrue(totals.contains("4.5 MB") && totals.contains("13.0 MB") && totals.contains("17.5 MB"), totals);
    var csv = browser.visible(By.id("usage-csv"));
    assertTrue(csv.getDomProperty("href").startsWith("blob:") && csv.getDomAttribute("download").endsWith(".csv"));
    browser.screenshot("usage");
  }

  private static boolean drawn(String granularity, String split) {
    var chart = browser.visible(By.id("sim-usage-chart"));
    return granularity.equals(chart.getDomAttribute("data-granularity")) && split.equals(chart.getDomAttribute("data-split"));
  }

  private static int points(String chart) {
    String value = browser.visible(By.cssSelector(chart)).getDomAttribute("data-points");
    return value == null ? 0 : Integer.parseInt(value);
  }

  private static long seriesPixels(String chart) {
    return (Long) browser.script(SERIES_PIXELS, chart);
  }
}
