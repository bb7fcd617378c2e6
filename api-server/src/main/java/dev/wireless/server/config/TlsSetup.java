package dev.wireless.server.config;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyStoreOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * HTTPS by default. A configured PEM certificate and key are used as given; without them a
 * self-signed certificate for localhost is made once (with the JDK's keytool), kept in the data
 * directory and reused, and its SHA-256 fingerprint is printed so clients can pin it.
 *
 * <p>TLS runs on OpenSSL (Netty's BoringSSL binding) where its native library loads, which costs
 * about half the JDK engine's CPU per handshake and record; elsewhere on the JDK's engine. Either
 * way the protocols, suites, ALPN (h2) and session resumption are the same; the engine in use is
 * logged at start and published on /metrics ({@code wireless_tls_engine}).
 */
public final class TlsSetup {

  private static final String ALIAS = "wireless";

  /**
   * Forward-secret AEAD suites only (TLS 1.3's, and ECDHE with AES-GCM or ChaCha20-Poly1305 for
   * TLS 1.2), which is also what HTTP/2 requires; CBC and static-RSA key exchange are refused.
   */
  static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsSetup() {
  }

  /**
   * Configures {@code options} for TLS 1.2+ on the fastest engine that loads; returns a line
   * describing the engine and the certificate in use.
   */
  public static String apply(HttpServerOptions options, ServerConfig config) throws Exception {
    options.setSsl(true).setUseAlpn(true)
        .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
    CIPHER_SUITES.forEach(options::addEnabledCipherSuite);
    String engine = chooseEngine(options);
    return "TLS on " + describe(engine) + ", " + certificate(options, config);
  }

  /** The engine {@link #apply} chose: {@code openssl}, {@code jdk}, or {@code none} for plain HTTP. */
  public static String engine(HttpServerOptions options) {
    if (!options.isSsl()) {
      return "none";
    }
    return options.getSslEngineOptions() instanceof OpenSSLEngineOptions ? "openssl" : "jdk";
  }

  /** OpenSSL when Netty's native binding loads, the JDK's engine otherwise; returns which. */
  private static String chooseEngine(HttpServerOptions options) {
    if (OpenSsl.isAvailable()) {
      options.setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(true));
      return "openssl";
    }
    options.setSslEngineOptions(new JdkSSLEngineOptions());
    return "jdk";
  }

  private static String describe(String engine) {
    return engine.equals("openssl") ? "OpenSSL (" + OpenSsl.versionString() + ")"
        : "the JDK engine (OpenSSL unavailable: " + OpenSsl.unavailabilityCause() + ")";
  }

  private static String certificate(HttpServerOptions options, ServerConfig config) throws Exception {
    if (config.tlsCertPath() != null && config.tlsKeyPath() != null) {
      options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath()).setKeyPath(config.tlsKeyPath()));
      return "certificate from " + config.tlsCertPath();
    }
    if (config.tlsCertPath() != null || config.tlsKeyPath() != null) {
      throw new IllegalArgumentException("WIRELESS_TLS_CERT and WIRELESS_TLS_KEY must be set together");
    }
    Path keystore = selfSignedKeystore(config.dataDir());
    String password = Files.readString(passwordFile(config.dataDir()), StandardCharsets.UTF_8).trim();
    options.setKeyCertOptions(new KeyStoreOptions().setType("PKCS12").setPath(keystore.toString()).setPassword(password));
    return "self-signed TLS certificate " + keystore + " (SHA-256 fingerprint " + fingerprint(keystore, password) + ")";
  }

  /** The generated keystore (PKCS12) in {@code dataDir}, created on first use. */
  public static Path selfSignedKeystore(Path dataDir) throws IOException, InterruptedException {
    Path dir = dataDir.resolve("tls");
    Path keystore = dir.resolve("server.p12");
    if (Files.exists(keystore)) {
      return keystore;
    }
    Files.createDirectories(dir);
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Files.writeString(passwordFile(dataDir), password, StandardCharsets.UTF_8);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
        "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "3650",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1,ip:::1",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      Files.deleteIfExists(keystore);
      throw new IOException("keytool could not create a self-signed certificate: " + output);
    }
    return keystore;
  }

  /** The password of the generated keystore. */
  public static Path passwordFile(Path dataDir) {
    return dataDir.resolve("tls").resolve("keystore-password");
  }

  private static String fingerprint(Path keystore, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    Certificate certificate = store.getCertificate(ALIAS);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
  }
}
