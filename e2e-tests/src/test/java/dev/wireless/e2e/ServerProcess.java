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
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
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
      for (String line : output) {
        Matcher listening = LISTENING.matcher(line);
        if (listening.find()) {
          return new ServerProcess(process, output, listening.group(1));
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

  /** Every line written so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the graceful shutdown to finish. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
