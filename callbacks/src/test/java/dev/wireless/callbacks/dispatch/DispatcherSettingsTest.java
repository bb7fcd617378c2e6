package dev.wireless.callbacks.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatcherSettingsTest {

    @Test
    void defaultsRetryForAboutADay() {
        DispatcherSettings defaults = DispatcherSettings.fromEnvironment(Map.of());
        assertEquals(7, defaults.retrySchedule().maxAttempts());
        assertEquals(Duration.ofSeconds(15), defaults.requestTimeout());
        assertEquals("KoreProxy/1.1", defaults.userAgent());
    }

    @Test
    void readsEverySetting() throws Exception {
        DispatcherSettings s = DispatcherSettings.fromEnvironment(Map.of(
                "WIRELESS_CALLBACK_RETRY_SCHEDULE", "0ms,5ms",
                "WIRELESS_CALLBACK_ALLOWLIST", "127.0.0.0/8",
                "WIRELESS_CALLBACK_CONNECT_TIMEOUT", "100ms",
                "WIRELESS_CALLBACK_TIMEOUT", "200ms",
                "WIRELESS_CALLBACK_LEASE", "1s",
                "WIRELESS_CALLBACK_BATCH_SIZE", "7",
                "WIRELESS_CALLBACK_POLL_INTERVAL", "25ms",
                "WIRELESS_CALLBACK_USER_AGENT", "Test/1"));
        assertEquals(2, s.retrySchedule().maxAttempts());
        assertTrue(s.addressPolicy().isAllowed(InetAddress.getByName("127.0.0.1")));
        assertEquals(Duration.ofMillis(200), s.requestTimeout());
        assertEquals(7, s.batchSize());
        assertEquals(Duration.ofSeconds(1), s.leaseDuration());
        assertEquals("Test/1", s.userAgent());
    }

    @Test
    void invalidValuesNameTheirVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DispatcherSettings.fromEnvironment(Map.of("WIRELESS_CALLBACK_RETRY_SCHEDULE", "0s,soon")));
        assertTrue(e.getMessage().startsWith("WIRELESS_CALLBACK_RETRY_SCHEDULE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DispatcherSettings.fromEnvironment(Map.of("WIRELESS_CALLBACK_ALLOWLIST", "localhost")));
        assertTrue(e.getMessage().startsWith("WIRELESS_CALLBACK_ALLOWLIST"), e.getMessage());
    }

    @Test
    void aLeaseMustOutlastTheRequestTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DispatcherSettings.fromEnvironment(Map.of("WIRELESS_CALLBACK_LEASE", "10s")));
        assertTrue(e.getMessage().contains("longer than the request timeout"), e.getMessage());
    }
}
