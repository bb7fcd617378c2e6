package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API reference at {@code /docs} as a developer sees it: loaded in a real headless Chromium
 * (Debian's package, installed by {@link Chromium} when missing), it renders every operation of the
 * contract from assets the server itself serves — no CDN.
 */
class DocsPageBrowserTest {

  private static final List<String> UPSTREAM_OPERATIONS = List.of("ListSim", "FetchSim", "UpdateSim", "DeleteSim",
      "ListRatePlan", "CreateRatePlan", "FetchRatePlan", "UpdateRatePlan", "DeleteRatePlan", "ListCommand",
      "CreateCommand", "FetchCommand", "DeleteCommand", "ListDataSession", "ListUsageRecord",
      "ListAccountUsageRecord");

  @Test
  void theReferencePageListsEveryOperationInHeadlessChromium() throws Exception {
    Path chromium = Chromium.installed();
    String dom = render(chromium, TestPlatform.get().baseUrl() + "/docs");

    List<String> missing = new ArrayList<>();
    for (String operation : UPSTREAM_OPERATIONS) {
      if (!dom.contains("operation/" + operation + "\"")) {
        missing.add(operation);
      }
    }
    assertEquals(List.of(), missing, "operations missing from the rendered page");
    assertTrue(dom.contains("Programmable Wireless API"));
  }

  private static String render(Path chromium, String url) throws Exception {
    Path profile = ScratchDirectories.create("chromium-profile");
    Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(browser.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    return dom;
  }
}
