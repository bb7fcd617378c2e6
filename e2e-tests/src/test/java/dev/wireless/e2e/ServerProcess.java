package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.persistence.DatabaseLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged {@code wireless-server.jar} as a separate process, with every line it writes kept
 * (stdout and stderr together) so a test can read its logs. {@code serve} waits until the node
 * prints where it listens; other subcommands (e.g. {@code dispatcher}) return once started.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on (https?://localhost:\\d+)");
  private static final Pattern DEMO = Pattern.compile("ACCOUNT_SID=(AC[0-9a-f]{32}) AUTH_TOKEN=([0-9a-f]{32})");

  /** The demo account the start-up banner printed. */
  record Demo(String accountSid, String authToken) {
  }

  private final Process process;
  private final List<String> output;
  private final String baseUrl;

  private ServerProcess(Process process, List<String> output, String baseUrl) {
    this.process = process;
    this.output = output;
    this.baseUrl = baseUrl;
  }

  /** The Postgres URL form of {@code WIRELESS_DB_URL} for {@code db}. */
  static String dbUrl(DatabaseLocation db) {
    return "postgresql://" + db.user() + ":" + db.password() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  /** A fresh {@code WIRELESS_MASTER_KEY}: base64 of 32 random bytes. */
  static String randomMasterKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return java.util.Base64.getEncoder().encodeToString(key);
  }

  static ServerProcess start(Map<String, String> env, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("wireless.server.jar"));
    assertTrue(jar.toFile().exists(), "build the jar first: " + jar);
    // as the README starts it: through the launcher beside the jar (JVM options, class-data archive)
    Path launcher = jar.resolveSibling("wireless-server");
    assertTrue(launcher.toFile().canExecute(), "the build writes the launcher beside the jar: " + launcher);
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("WIRELESS_DB_URL"); // embedded unless the test gives one
    // no drain period unless the test asks for one: a test stopping a node alone has no proxy to drain
    builder.environment().put("WIRELESS_SHUTDOWN_DRAIN", "0s");
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)).lines().forEach(output::add));
    reader.setDaemon(true);
    reader.start();
    if (args.length > 0 && !args[0].equals("serve")) {
      return new ServerProcess(process, output, null);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      // the banner: where it listens, then its demo account (or that it has none)
      String baseUrl = null;
      for (String line : output) {
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          baseUrl = listening.group(1);
        } else if (baseUrl != null && (line.startsWith("Demo account:") || line.startsWith("No demo account"))) {
          return new ServerProcess(process, output, baseUrl);
        }
      }
      assertTrue(process.isAlive(), () -> "the server exited:\n" + String.join("\n", output));
      process.waitFor(100, TimeUnit.MILLISECONDS);
    }
    process.destroyForcibly();
    throw new AssertionError("the server did not start in time:\n" + String.join("\n", output));
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The demo account from the start-up banner (the node must run with the demo on). */
  Demo demo() {
    for (String line : output) {
      Matcher demo = DEMO.matcher(line);
      if (demo.find()) {
        return new Demo(demo.group(1), demo.group(2));
      }
    }
    throw new AssertionError("no demo account in the output:\n" + String.join("\n", output));
  }

  /** Every line written so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** Waits for the process to end by itself; its exit code. */
  int awaitExit(long seconds) throws InterruptedException {
    assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), () -> "still running:\n" + String.join("\n", output));
    return process.exitValue();
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** Sends SIGTERM and returns at once (the process drains and stops on its own). */
  void sigterm() {
    process.destroy();
  }

  /** Whether the process has exited within {@code seconds}. */
  boolean exited(long seconds) throws InterruptedException {
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** SIGTERM; whether the graceful shutdown finished within a minute (else the process is killed). */
  boolean terminate() throws InterruptedException {
    process.destroy();
    if (process.waitFor(60, TimeUnit.SECONDS)) {
      return true;
    }
    process.destroyForcibly();
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    terminate();
  }
}
