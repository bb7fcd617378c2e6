package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium and its WebDriver, installed with apt-get when this machine does not have them yet. */
final class Chromium {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  private Chromium() {
  }

  /** The browser's path, after installing the packages if either is missing. */
  static synchronized Path installed() throws Exception {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      ProcessBuilder install = new ProcessBuilder("bash", "-c",
          "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver")
          .redirectErrorStream(true);
      Process process = install.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(10, TimeUnit.MINUTES) && process.exitValue() == 0,
          "installing Debian's chromium and chromium-driver failed:\n" + output);
    }
    return BROWSER;
  }
}
