package dev.wireless.callbacks.dispatch;

import static dev.wireless.callbacks.testing.TestDatabase.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wireless.callbacks.delivery.AddressPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The SSRF guard at send time: names are resolved, and only an allowed address is connected to. */
@ExtendWith(VertxExtension.class)
class TargetResolverTest {

    @Test
    void aNameResolvingToLoopbackIsRefusedWithTheReason(Vertx vertx) {
        TargetResolver resolver = new TargetResolver(vertx, AddressPolicy.fromSetting(""));
        TargetResolver.RefusedTarget refused = assertThrows(TargetResolver.RefusedTarget.class,
                () -> await(resolver.resolve("http://localhost:8080/cb")));
        assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
    }

    @Test
    void theFirstAllowedAddressIsPinnedWithTheUrlsPort(Vertx vertx) {
        TargetResolver resolver = new TargetResolver(vertx, AddressPolicy.fromSetting("127.0.0.0/8"));
        SocketAddress address = await(resolver.resolve("http://localhost:8080/cb"));
        assertEquals("127.0.0.1", address.host(), "::1 (if listed first) is not allow-listed, 127.0.0.1 is");
        assertEquals(8080, address.port());
        assertEquals(443, await(resolver.resolve("https://127.0.0.2/x")).port());
    }

    @Test
    void literalsAreCheckedToo(Vertx vertx) {
        TargetResolver resolver = new TargetResolver(vertx, AddressPolicy.fromSetting("127.0.0.0/8"));
        for (String url : new String[] {"http://[::1]/x", "http://169.254.169.254/latest/meta-data",
                "http://10.0.0.8:9000/", "http://[::ffff:192.168.1.1]/"}) {
            assertThrows(TargetResolver.RefusedTarget.class, () -> await(resolver.resolve(url)), url);
        }
    }
}
