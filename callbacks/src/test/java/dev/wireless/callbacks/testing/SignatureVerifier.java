package dev.wireless.callbacks.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a receiver does to check a callback, written from the published descriptions only (not
 * from the production signers): Twilio's request-validator algorithm and KORE's
 * "verifying callbacks" guide.
 */
public final class SignatureVerifier {

    private SignatureVerifier() {
    }

    /**
     * Twilio: Base64(HMAC-SHA1(authToken, fullUrl + for each POST parameter sorted by name: name + value)).
     * The URL is the one the receiver was called at, query string included.
     */
    public static String expectedTwilio(String authToken, String fullUrl, String formBodyOrNull) {
        StringBuilder data = new StringBuilder(fullUrl);
        if (formBodyOrNull != null && !formBodyOrNull.isEmpty()) {
            Map<String, List<String>> params = new TreeMap<>();
            for (String pair : formBodyOrNull.split("&")) {
                String[] nv = pair.split("=", 2);
                params.computeIfAbsent(decode(nv[0]), k -> new ArrayList<>()).add(nv.length > 1 ? decode(nv[1]) : "");
            }
            params.forEach((name, values) -> values.stream().sorted().distinct()
                    .forEach(value -> data.append(name).append(value)));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            byte[] key = authToken.getBytes(StandardCharsets.UTF_8);
            // RFC 2104 zero-pads the key, so "" and a single zero byte are the same key (Java rejects "")
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** KORE: lowercase hex SHA-256 of secret + METHOD + URL without query or fragment + raw body. */
    public static String expectedKore(String secret, String method, String url, byte[] rawBody) {
        String withoutQuery = url.split("[?#]", 2)[0];
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((secret + method + withoutQuery).getBytes(StandardCharsets.UTF_8));
            sha.update(rawBody);
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
