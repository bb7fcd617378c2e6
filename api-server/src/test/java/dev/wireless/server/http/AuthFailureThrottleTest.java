package dev.wireless.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {

  private final AtomicLong now = new AtomicLong();

  @Test
  void aBurstOfFailuresThenTheAddressWaitsForARefill() {
    AuthFailureThrottle throttle = new AuthFailureThrottle(6, 3, now::get); // one failure back every 10 s
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.retryAfter("192.0.2.1"), "failure " + i);
      throttle.failed("192.0.2.1");
    }
    assertEquals(10, throttle.retryAfter("192.0.2.1"));
    assertEquals(0, throttle.retryAfter("192.0.2.2"), "another address");
    now.addAndGet(4_000_000_000L);
    assertEquals(6, throttle.retryAfter("192.0.2.1"));
    now.addAndGet(6_000_000_000L);
    assertEquals(0, throttle.retryAfter("192.0.2.1"));
  }

  @Test
  void theTableIsBoundedAndRecoveredAddressesMakeRoom() {
    AuthFailureThrottle throttle = new AuthFailureThrottle(60, 1, now::get);
    for (int i = 0; i < AuthFailureThrottle.MAX_TRACKED; i++) {
      throttle.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    throttle.failed("192.0.2.9");
    assertEquals(AuthFailureThrottle.MAX_TRACKED, throttle.tracked(), "full of blocked addresses: not tracked");
    assertEquals(0, throttle.retryAfter("192.0.2.9"));

    now.addAndGet(2_000_000_000L); // every bucket has refilled
    throttle.failed("192.0.2.9");
    assertEquals(1, throttle.tracked());
    assertEquals(1, throttle.retryAfter("192.0.2.9"));
  }

  @Test
  void zeroTurnsTheThrottleOff() {
    AuthFailureThrottle throttle = new AuthFailureThrottle(0, 1, now::get);
    for (int i = 0; i < 100; i++) {
      throttle.failed("192.0.2.1");
    }
    assertEquals(0, throttle.tracked());
  }

  @Test
  void ipv6ClientsAreCountedPerSlash64AndIpv4PerAddress() {
    assertEquals("2001:db8:1:2:0:0:0:0/64", AuthFailureThrottle.clientKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2::7")));
    assertEquals("2001:db8:1:2:0:0:0:0/64",
        AuthFailureThrottle.clientKey(SocketAddress.inetSocketAddress(1, "2001:db8:1:2:ffff::1")));
    assertEquals("192.0.2.7", AuthFailureThrottle.clientKey(SocketAddress.inetSocketAddress(1, "192.0.2.7")));
  }
}
