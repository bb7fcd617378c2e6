package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher the build writes beside the jar ({@code wireless-server}), which the README starts
 * the platform with: copied elsewhere together with the jar and its class-data archive, it still
 * maps the archive (the JVM is told to refuse to start without it here), and a command's standard
 * output carries only what the command prints — JVM warnings go to standard error.
 */
class LauncherTest {

  @Test
  void theArchiveTravelsWithTheJarAndStdoutStaysClean() throws Exception {
    Path built = Path.of(System.getProperty("wireless.server.jar")).getParent();
    Path elsewhere = ScratchDirectories.create("wireless-copied");
    for (String name : List.of("wireless-server", "wireless-server.jar", "wireless-server.jsa")) {
      // as cp -p, mv, tar and unzip do: the files keep their modification times
      Files.copy(built.resolve(name), elsewhere.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
    Path stderr = elsewhere.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(elsewhere.resolve("wireless-server").toString(), "help")
        .directory(ScratchDirectories.create("wireless-cwd").toFile())
        .redirectError(stderr.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // -Xshare:on: a JVM that cannot map the archive does not start at all, instead of running without it
    builder.environment().put("WIRELESS_JAVA_OPTS", "-Xshare:on");
    Process process = builder.start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), stdout + Files.readString(stderr));
    assertTrue(stdout.startsWith("usage:"), stdout);
    assertEquals("", Files.readString(stderr).strip(), "nothing on stderr either for a clean run");
  }
}
