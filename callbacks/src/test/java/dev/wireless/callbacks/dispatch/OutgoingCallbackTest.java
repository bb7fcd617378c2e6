package dev.wireless.callbacks.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wireless.callbacks.testing.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The request an attempt sends, computed without I/O: URL, body, and every header. */
class OutgoingCallbackTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.891Z");
    private static final String TOKEN = "5f0c1b7e-8a4d-4c1e-9f0a-1b2c3d4e5f60";

    private static DeliveryRow delivery(String method, String url, String body) {
        return new DeliveryRow(1, TOKEN, "AC" + "0".repeat(32), "DE" + "0".repeat(32), "sim.status", url, method,
                body, 1, 1, 3, "d1", null);
    }

    @Test
    void postSendsTheStoredBytesSignedBothWays() {
        String body = "SimSid=DE1&Status=active&Note=a+b%26c";
        OutgoingCallback out = OutgoingCallback.build(delivery("POST", "https://example.com/cb?x=1#cbs", body),
                "token", "secret", "KoreProxy/1.1", NOW);

        assertEquals("https://example.com/cb?x=1", out.url(), "a fragment is never sent");
        assertEquals(body, out.body().toString(StandardCharsets.UTF_8));
        assertEquals("application/x-www-form-urlencoded", out.headers().get("Content-Type"));
        assertEquals(SignatureVerifier.expectedTwilio("token", "https://example.com/cb?x=1", body),
                out.headers().get("X-Twilio-Signature"));
        assertEquals(SignatureVerifier.expectedKore("secret", "POST", "https://example.com/cb",
                body.getBytes(StandardCharsets.UTF_8)), out.headers().get("kore-signature"));
        assertEquals(TOKEN, out.headers().get("kore-idempotency-token"));
        assertEquals(TOKEN, out.headers().get("I-Twilio-Idempotency-Token"));
        assertEquals("KoreProxy/1.1", out.headers().get("User-Agent"));
        assertEquals("2026-03-04T05:06:07Z", out.headers().get("Date"));
    }

    @Test
    void getAppendsTheStoredBodyAsTheQueryString() {
        assertEquals("https://example.com/cb?Status=active",
                OutgoingCallback.build(delivery("GET", "https://example.com/cb", "Status=active"), "t", null, "ua", NOW)
                        .url());
        assertEquals("https://example.com/cb?x=1&Status=active",
                OutgoingCallback.build(delivery("GET", "https://example.com/cb?x=1", "Status=active"), "t", null,
                        "ua", NOW).url());
        assertEquals("https://example.com/cb?x=1",
                OutgoingCallback.build(delivery("GET", "https://example.com/cb?x=1", ""), "t", null, "ua", NOW).url());

        OutgoingCallback out = OutgoingCallback.build(delivery("GET", "https://example.com/cb#frag", "A=1"), "t",
                "s", "ua", NOW);
        assertNull(out.body());
        assertNull(out.headers().get("Content-Type"));
        assertEquals(SignatureVerifier.expectedTwilio("t", "https://example.com/cb?A=1", null),
                out.headers().get("X-Twilio-Signature"));
        assertEquals(SignatureVerifier.expectedKore("s", "GET", "https://example.com/cb", new byte[0]),
                out.headers().get("kore-signature"));
    }

    @Test
    void withoutAWebhookSecretTheKoreSignatureIsPresentButEmpty() {
        OutgoingCallback out = OutgoingCallback.build(delivery("POST", "https://example.com/cb", "A=1"), "t", null,
                "ua", NOW);
        assertEquals("", out.headers().get("kore-signature"));
    }
}
