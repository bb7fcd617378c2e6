package dev.wireless.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS listener's policy, probed from outside with OpenSSL's client (which, unlike the JDK's,
 * can still be told to offer old protocols and weak suites): TLS 1.0/1.1 and non-forward-secret or
 * CBC suites are refused, TLS 1.2 and 1.3 succeed, HTTP/2 is offered through ALPN and TLS 1.2
 * sessions are resumed — all of it on OpenSSL, the engine the server uses where it loads.
 */
class TlsPolicyTest {

  private final int port = TestPlatform.get().server().port();

  @Test
  void oldProtocolsAreRefused() throws Exception {
    assertFalse(handshake("-tls1", "-cipher", "DEFAULT@SECLEVEL=0").connected());
    assertFalse(handshake("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0").connected());
  }

  @Test
  void tls12AndTls13AreAccepted() throws Exception {
    Handshake tls12 = handshake("-tls1_2");
    assertTrue(tls12.connected() && tls12.output().contains("TLSv1.2"), tls12.output());
    Handshake tls13 = handshake("-tls1_3");
    assertTrue(tls13.connected() && tls13.output().contains("TLSv1.3"), tls13.output());
  }

  @Test
  void weakSuitesAreRefusedUnderTls12() throws Exception {
    assertFalse(handshake("-tls1_2", "-cipher", "AES128-SHA:AES256-SHA256:@SECLEVEL=0").connected(), "static RSA, CBC");
    assertFalse(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA:ECDHE-RSA-AES128-SHA:@SECLEVEL=0").connected(), "ECDHE with CBC");
    assertTrue(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256").connected());
  }

  @Test
  void theListenerRunsOnOpenSsl() {
    String metrics = new RawHttp(TestPlatform.get().baseUrl()).get("/metrics", null).body();
    assertTrue(metrics.contains("wireless_tls_engine{engine=\"openssl\"} 1.0"),
        "the native engine is in use: " + metrics.lines().filter(l -> l.contains("tls")).toList());
  }

  @Test
  void tls12SessionsAreResumed() throws Exception {
    Path session = Files.createTempFile("tls-session", ".pem");
    assertTrue(handshake("-tls1_2", "-sess_out", session.toString()).connected());
    Handshake resumed = handshake("-tls1_2", "-sess_in", session.toString());
    assertTrue(resumed.output().contains("Reused, TLSv1.2"), resumed.output());
  }

  @Test
  void http2IsOfferedThroughAlpn() throws Exception {
    Handshake h2 = handshake("-alpn", "h2,http/1.1");
    assertTrue(h2.output().contains("ALPN protocol: h2"), h2.output());
  }

  private record Handshake(boolean connected, String output) {
  }

  private Handshake handshake(String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
        "-servername", "localhost"));
    command.addAll(List.of(options));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    boolean connected = process.exitValue() == 0 && output.matches("(?s).*Cipher is (?!\\(NONE\\))\\S+.*");
    return new Handshake(connected, output);
  }
}
