package dev.wireless.callbacks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Twilio-Signature} header, computed exactly as Twilio's helper libraries check it, so a
 * receiver written against the Twilio SDK accepts our callbacks unchanged.
 *
 * <p>The signed string is the full URL (scheme, host, path and query) followed, for each parameter
 * name in ascending ordinal order, by {@code name + value} for each of its values in ascending order.
 * Repeated identical values count once: twilio-python ({@code sorted(set(values))}) and twilio-node
 * ({@code new Set(values)}) both de-duplicate before sorting, and a signature must match what those
 * validators compute. GET callbacks carry everything in the URL and pass an empty parameter map.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private static final String HMAC_SHA1 = "HmacSHA1";

    private TwilioSignature() {
    }

    /** Base64 HMAC-SHA1 of the signed string, keyed with the account's auth token. */
    public static String sign(String authToken, String fullUrl, Map<String, List<String>> params) {
        Objects.requireNonNull(authToken, "authToken");
        Objects.requireNonNull(fullUrl, "fullUrl");
        try {
            Mac mac = Mac.getInstance(HMAC_SHA1);
            mac.init(new SecretKeySpec(keyBytes(authToken), HMAC_SHA1));
            byte[] digest = mac.doFinal(signedString(fullUrl, params).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required by every Java platform", e);
        }
    }

    /** Checks a received signature in constant time, so a caller cannot probe it byte by byte. */
    public static boolean verify(String authToken, String fullUrl, Map<String, List<String>> params,
                                 String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(authToken, fullUrl, params).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC pads a short key with zero bytes to the block size, so an empty key and a single zero
     * byte are the same key; Java's {@code SecretKeySpec} refuses an empty array, hence the swap.
     * An account without a signing key is signed this way rather than left unsigned.
     */
    private static byte[] keyBytes(String authToken) {
        byte[] key = authToken.getBytes(StandardCharsets.UTF_8);
        return key.length == 0 ? new byte[1] : key;
    }

    static String signedString(String fullUrl, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(fullUrl);
        if (params == null) {
            return data.toString();
        }
        new TreeMap<>(params).forEach((name, values) -> {
            if (values != null) {
                new TreeSet<>(values).forEach(value -> data.append(name).append(value));
            }
        });
        return data.toString();
    }
}
