package dev.wireless.callbacks.dispatch;

import dev.wireless.callbacks.delivery.FormBody;
import dev.wireless.callbacks.delivery.KoreSignature;
import dev.wireless.callbacks.delivery.TwilioSignature;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The HTTP request one attempt sends, computed from the stored delivery without any I/O, so every
 * header can be checked in a unit test.
 *
 * <p>POST sends the stored body as {@code application/x-www-form-urlencoded}; GET appends it to
 * the URL as the query string. A URL fragment is never sent (HTTP has no place for it) and so is
 * never signed. {@code X-Twilio-Signature} signs the URL as sent plus, for POST, the decoded
 * parameters; {@code kore-signature} signs the method, the URL without query, and the raw body.
 *
 * @param body null for GET
 */
record OutgoingCallback(String method, String url, Buffer body, MultiMap headers) {

    static final String IDEMPOTENCY_HEADER = "kore-idempotency-token";
    static final String TWILIO_IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
    static final String FORM = "application/x-www-form-urlencoded";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * @param twilioKey     the account's signing key; empty string when it has none
     * @param webhookSecret the active webhook secret, or null (the kore-signature header is then empty)
     */
    static OutgoingCallback build(DeliveryRow delivery, String twilioKey, String webhookSecret, String userAgent,
                                  Instant now) {
        boolean get = delivery.method().equals("GET");
        String url = urlOf(delivery);
        byte[] bodyBytes = get ? null : delivery.body().getBytes(StandardCharsets.UTF_8);
        Map<String, List<String>> signedParams = get ? Map.of() : FormBody.decodeToMap(delivery.body());

        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(TwilioSignature.HEADER, TwilioSignature.sign(twilioKey, url, signedParams))
                .add(KoreSignature.HEADER, KoreSignature.sign(webhookSecret, delivery.method(), url, bodyBytes))
                .add(IDEMPOTENCY_HEADER, delivery.token())
                .add(TWILIO_IDEMPOTENCY_HEADER, delivery.token())
                .add("User-Agent", userAgent)
                .add("Date", DATE.format(now));
        if (!get) {
            headers.add("Content-Type", FORM);
        }
        return new OutgoingCallback(delivery.method(), url, bodyBytes == null ? null : Buffer.buffer(bodyBytes),
                headers);
    }

    /** The URL an attempt of {@code delivery} requests: without fragment, with the body as query for GET. */
    static String urlOf(DeliveryRow delivery) {
        String base = withoutFragment(delivery.url());
        return delivery.method().equals("GET") ? withQuery(base, delivery.body()) : base;
    }

    static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private static String withQuery(String url, String query) {
        if (query.isEmpty()) {
            return url;
        }
        if (!url.contains("?")) {
            return url + "?" + query;
        }
        return url.endsWith("?") || url.endsWith("&") ? url + query : url + "&" + query;
    }
}
