package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.server.accounts.AccountService.NewCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python client that OpenAPI Generator (the build's {@code python-client} execution) makes
 * from wireless.yaml runs a short scenario against the server: a paged list, a rate plan with two
 * roaming services, a usage window given with a {@code +01:00} offset. Needs {@code python3} with
 * pydantic, urllib3 and python-dateutil ({@code .ci/run} installs them).
 */
class PythonClientTest extends ContractCheck {

  @Test
  void theGeneratedPythonClientRunsTheScenario() throws IOException, InterruptedException {
    Path client = Path.of(System.getProperty("wireless.python.client", "target/python-client"));
    assertTrue(Files.isDirectory(client.resolve("wireless_client")), "no generated client under " + client);
    NewCredentials account = platform.newAccount();
    ProcessBuilder python = new ProcessBuilder("python3", Path.of("src/test/python/scenario.py").toAbsolutePath()
        .toString()).redirectErrorStream(true);
    python.environment().put("PYTHONPATH", client.toAbsolutePath().toString());
    python.environment().put("BASE_URL", platform.baseUrl());
    python.environment().put("AUTH_TOKEN", account.authToken());
    Process process = python.start();
    String output;
    try (var in = process.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the scenario did not finish");
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("scenario passed"), output);
  }
}
