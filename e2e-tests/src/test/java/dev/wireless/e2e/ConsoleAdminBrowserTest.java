package dev.wireless.e2e;

import static dev.wireless.e2e.Await.awaitUntil;
import static dev.wireless.e2e.RawHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Rate plans and the Debugger in headless Chromium: the API's validation message at the field it
 * names, a plan created and deleted, the 409 of a plan in use, and a failed callback redelivered
 * from its alert once the receiver is back.
 */
class ConsoleAdminBrowserTest extends ContractCheck {

  private static ConsoleBrowser browser;

  @BeforeAll
  static void startBrowser() throws Exception {
    browser = new ConsoleBrowser(TestPlatform.get().baseUrl());
  }

  @AfterAll
  static void stopBrowser() throws Exception {
    browser.close();
  }

  private static By planRow(String uniqueName) {
    return By.cssSelector("#rate-plans-table tr[data-unique-name='" + uniqueName + "']");
  }

  @Test
  void aRatePlanIsCreatedWithTheApisValidationShownAtTheFieldThenDeleted() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    account.sims("user", 1);
    account.place("user", "active", account.ratePlan("in-use"));
    browser.signedIn(account.sid(), account.token());
    browser.visible(By.cssSelector("#nav a[data-section='rate-plans']")).click();
    WebElement form = browser.visible(By.id("new-plan-form"));

    form.findElement(By.name("UniqueName")).sendKeys("console-plan");
    form.findElement(By.name("DataLimit")).sendKeys("0");
    form.findElement(By.cssSelector("input[name=InternationalRoaming][value=data]")).click();
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement limit = form.findElement(By.name("DataLimit"));
    browser.waitFor(d -> "true".equals(limit.getDomAttribute("aria-invalid")));
    WebElement note = browser.visible(By.id(limit.getDomAttribute("id") + "-error"));
    assertTrue(note.getText().contains("DataLimit") && note.getText().endsWith("(33101)"), note.getText());
    assertEquals("/docs/errors/33101", browser.visible(By.cssSelector("#new-plan-error .error a")).getDomAttribute("href"));
    browser.screenshot("rate-plan-validation");

    limit.clear();
    limit.sendKeys("500");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    WebElement row = browser.visible(planRow("console-plan"));
    assertTrue(row.getText().contains("500 MB") && row.getText().contains("data;"), row.getText());
    JsonObject created = account.get("/v1/RatePlans/console-plan");
    assertEquals(500, created.getInteger("data_limit"));
    assertEquals(List.of("data"), created.getJsonArray("international_roaming").getList());

    deletePlan("in-use");
    browser.waitForText(By.id("rate-plans-message"), "in-use is still in use by SIMs and was not deleted.");
    assertEquals("33130", browser.visible(By.cssSelector("#rate-plans-message .error")).getDomAttribute("data-code"));
    browser.screenshot("rate-plan-in-use");

    deletePlan("console-plan");
    browser.waitForText(By.id("rate-plans-message"), "Rate plan console-plan deleted.");
    browser.waitFor(d -> browser.all(planRow("console-plan")).isEmpty());
    assertEquals(404, account.http.get("/v1/RatePlans/console-plan", account.auth).statusCode());
  }

  @Test
  void aFailedCallbackIsRedeliveredFromItsAlert() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    account.sims("beacon", 1);
    account.place("beacon", "active", account.ratePlan("beacons"));
    try (CallbackReceiver receiver = new CallbackReceiver()) {
      receiver.answerWith(500);
      json(account.http.postForm("/v1/Commands", account.auth, "Sim", "beacon-0", "Command", "wake up",
          "CallbackUrl", receiver.url("/done")), 201);
      awaitUntil(Duration.ofSeconds(30), () -> account.get("/v1/Alerts").getJsonArray("alerts").size() == 1);
      int failedAttempts = receiver.received().size();
      receiver.answerWith(204);

      browser.signedIn(account.sid(), account.token());
      browser.visible(By.cssSelector("#nav a[data-section='debugger']")).click();
      WebElement alert = browser.visible(By.cssSelector("#alerts details.alert-item"));
      alert.findElement(By.tagName("summary")).click();
      browser.waitFor(d -> alert.findElements(By.cssSelector(".attempts tbody tr")).size() == failedAttempts);
      alert.findElement(By.cssSelector("button[data-action=redeliver]")).click();
      browser.waitFor(d -> alert.findElements(By.cssSelector(".attempt-status")).stream()
          .anyMatch(cell -> cell.getText().equals("204")));
      browser.waitForText(By.cssSelector("#alerts .notice"), "Delivered on attempt");
      browser.screenshot("debugger-redelivered");

      assertEquals(failedAttempts + 1, receiver.received().size());
      assertEquals(receiver.received().get(0).body(), receiver.received().get(failedAttempts).body());
    }
  }

  @Test
  void aWebhookSecretIsShownOnceAndAPendingOneIsMadeActive() throws Exception {
    ConsoleAccount account = new ConsoleAccount(platform);
    browser.signedIn(account.sid(), account.token());
    browser.visible(By.cssSelector("#nav a[data-section='debugger']")).click();

    browser.visible(By.cssSelector("#secret-form input[name=Name]")).sendKeys("first");
    browser.visible(By.cssSelector("#secret-form button[type=submit]")).click();
    String shown = browser.visible(By.cssSelector("output.secret")).getText();
    browser.waitFor(d -> browser.all(By.cssSelector("#secrets-table tbody tr")).size() == 1);
    browser.visible(By.cssSelector("#secret-form input[name=Name]")).sendKeys("second");
    browser.visible(By.cssSelector("#secret-form button[type=submit]")).click();
    browser.waitFor(d -> browser.all(By.cssSelector("#secrets-table tbody tr")).size() == 2);
    browser.visible(By.xpath("//table[@id='secrets-table']//tr[td[2]='second']//button")).click();
    browser.waitFor(d -> browser.visible(By.xpath("//table[@id='secrets-table']//tr[td[2]='second']/td[3]")).getText()
        .equals("active"));
    browser.screenshot("debugger-secrets");

    assertTrue(shown.length() >= 16, shown);
    var secrets = account.get("/v1/WebhookSecrets").getJsonArray("webhook_secrets");
    assertEquals(2, secrets.size());
    assertTrue(secrets.stream().map(JsonObject.class::cast)
        .anyMatch(s -> "second".equals(s.getString("name")) && "active".equals(s.getString("status"))));
  }

  private static void deletePlan(String uniqueName) {
    WebElement delete = browser.visible(planRow(uniqueName)).findElement(By.cssSelector("button[data-action=delete]"));
    delete.click();
    browser.waitFor(d -> delete.getText().equals("Confirm delete"));
    delete.click();
  }
}
