package dev.wireless.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium driven through WebDriver: a fresh profile per
 * browser, the flags a closed network needs, explicit waits only, and screenshots under
 * {@code target/console-screenshots/} for review.
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final String baseUrl;
  private final WebDriverWait wait;

  ConsoleBrowser(String baseUrl, int width, int height) throws Exception {
    this.baseUrl = baseUrl;
    this.profile = ScratchDirectories.create("console-chromium");
    ChromeOptions options = new ChromeOptions().setBinary(Chromium.installed().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--ignore-certificate-errors", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Chromium.DRIVER.toFile()).usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    // pages redraw while they follow a change: an element read between two redraws is simply read again
    this.wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class);
  }

  ConsoleBrowser(String baseUrl) throws Exception {
    this(baseUrl, 1280, 800);
  }

  ChromeDriver driver() {
    return driver;
  }

  void open(String hash) {
    driver.get(baseUrl + "/console" + hash);
  }

  /** Opens the console and submits the sign-in form (does not wait for what follows). */
  void signIn(String accountSid, String authToken) {
    open("");
    script("sessionStorage.clear()");
    open("");
    WebElement form = visible(By.id("sign-in"));
    form.findElement(By.name("AccountSid")).sendKeys(accountSid);
    form.findElement(By.name("AuthToken")).sendKeys(authToken);
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Signs in and waits for the fleet table. */
  void signedIn(String accountSid, String authToken) {
    signIn(accountSid, authToken);
    visible(By.id("fleet-table"));
  }

  WebElement visible(By locator) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  void waitFor(java.util.function.Function<ChromeDriver, Boolean> condition) {
    wait.until(d -> condition.apply(driver));
  }

  void waitForText(By locator, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
  }

  List<WebElement> all(By locator) {
    return driver.findElements(locator);
  }

  void choose(By select, String visibleText) {
    new Select(visible(select)).selectByVisibleText(visibleText);
  }

  void chooseValue(By select, String value) {
    new Select(visible(select)).selectByValue(value);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Saves what the browser shows as {@code target/console-screenshots/<name>.png}; returns the file. */
  Path screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** Messages the browser logged about refused content (Content-Security-Policy) since the last call. */
  List<String> policyViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
  }

  /** What the tab keeps: sessionStorage and localStorage sizes and the cookie count. */
  Map<String, Long> storage() {
    return Map.of("session", (Long) script("return sessionStorage.length"),
        "local", (Long) script("return localStorage.length"),
        "cookies", (long) driver.manage().getCookies().size());
  }

  @Override
  public void close() throws Exception {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
