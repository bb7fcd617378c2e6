package dev.wireless.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

  @Test
  void defaultsAreHttpsOn8443WithAnEmbeddedDatabase() {
    ServerConfig config = ServerConfig.from(Map.of());
    assertEquals(8443, config.port());
    assertFalse(config.insecureHttp());
    assertNull(config.dbUrl());
    assertNull(config.publicBaseUrl());
    assertTrue(config.dataDir().isAbsolute());
    assertTrue(config.dataDir().endsWith("data"));
    assertEquals(Duration.ofHours(1), config.accessTokenTtl());
  }

  @Test
  void settingsAreRead() {
    ServerConfig config = ServerConfig.from(Map.of("WIRELESS_PORT", "0", "WIRELESS_INSECURE_HTTP", "true",
        "WIRELESS_PUBLIC_BASE_URL", "https://api.example.com/", "WIRELESS_ACCESS_TOKEN_TTL", "15m"));
    assertEquals(0, config.port());
    assertTrue(config.insecureHttp());
    assertEquals("https://api.example.com", config.publicBaseUrl());
    assertEquals(Duration.ofMinutes(15), config.accessTokenTtl());
  }

  @Test
  void badValuesNameTheVariable() {
    for (Map<String, String> bad : new Map[] {Map.of("WIRELESS_PORT", "http"), Map.of("WIRELESS_PORT", "70000"),
        Map.of("WIRELESS_INSECURE_HTTP", "yes please"), Map.of("WIRELESS_ACCESS_TOKEN_TTL", "soon"),
        Map.of("WIRELESS_DB_URL", "mysql://app:pw@db/wireless"), Map.of("WIRELESS_RATE_LIMIT", "-1"),
        Map.of("WIRELESS_CALLBACK_RETRY_SCHEDULE", "soon")}) {
      IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ServerConfig.from(bad));
      assertTrue(error.getMessage().contains(bad.keySet().iterator().next()), error.getMessage());
    }
  }

  @Test
  void corsOriginsAreAnyByDefaultOrAListOfOrigins() {
    assertEquals(java.util.List.of(), ServerConfig.from(Map.of()).corsOrigins());
    assertEquals(java.util.List.of(), ServerConfig.from(Map.of("WIRELESS_CORS_ORIGINS", "*")).corsOrigins());
    assertEquals(java.util.List.of("https://app.example.com", "http://localhost:3000"), ServerConfig.from(Map.of(
        "WIRELESS_CORS_ORIGINS", "https://App.Example.com/, http://localhost:3000")).corsOrigins());
    for (String bad : new String[] {"app.example.com", "https://app.example.com/path", "https://*.example.com"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServerConfig.from(Map.of("WIRELESS_CORS_ORIGINS", bad)));
      assertTrue(e.getMessage().contains("WIRELESS_CORS_ORIGINS"), e.getMessage());
    }
  }

  @Test
  void shutdownDrainAndCallbackRetentionHaveDefaultsAndAreRead() {
    ServerConfig defaults = ServerConfig.from(Map.of());
    assertEquals(Duration.ofSeconds(5), defaults.shutdownDrain());
    assertEquals(Duration.ofDays(30), defaults.callbackRetention());
    assertEquals(Duration.ofHours(1), defaults.callbackPurgeInterval());
    ServerConfig set = ServerConfig.from(Map.of("WIRELESS_SHUTDOWN_DRAIN", "0s", "WIRELESS_CALLBACK_RETENTION", "7d",
        "WIRELESS_CALLBACK_PURGE_INTERVAL", "10m"));
    assertEquals(Duration.ZERO, set.shutdownDrain());
    assertEquals(Duration.ofDays(7), set.callbackRetention());
    assertEquals(Duration.ofMinutes(10), set.callbackPurgeInterval());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.from(Map.of("WIRELESS_SHUTDOWN_DRAIN", "a while")));
    assertTrue(error.getMessage().contains("WIRELESS_SHUTDOWN_DRAIN"), error.getMessage());
  }

  @Test
  void theAccessLogFormatIsTextOrJsonAndReadOnce() {
    assertFalse(ServerConfig.from(Map.of()).jsonAccessLog());
    assertTrue(ServerConfig.from(Map.of("WIRELESS_LOG_FORMAT", "JSON")).jsonAccessLog());
    assertFalse(ServerConfig.from(Map.of("WIRELESS_LOG_FORMAT", "text")).jsonAccessLog());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.from(Map.of("WIRELESS_LOG_FORMAT", "xml")));
    assertTrue(error.getMessage().contains("WIRELESS_LOG_FORMAT"), error.getMessage());
  }
}
