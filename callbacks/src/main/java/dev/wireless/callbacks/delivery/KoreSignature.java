package dev.wireless.callbacks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code kore-signature} header as KORE documents it: a lowercase hex SHA-256 of
 * {@code secret + METHOD + url + rawBody}. It is a plain hash, not an HMAC; receivers that follow
 * KORE's verification guide recompute exactly this, so an HMAC would never match.
 *
 * <p>The URL is signed without its query string and fragment. The body is the exact bytes sent
 * (JSON already compacted by the caller), and nothing is appended when there is no body. With no
 * webhook secret the header is still sent, with an empty value.
 */
public final class KoreSignature {

    public static final String HEADER = "kore-signature";

    private KoreSignature() {
    }

    /** The header value; the empty string when there is no secret. */
    public static String sign(String secretOrNull, String method, String url, byte[] rawBodyOrNull) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        if (secretOrNull == null || secretOrNull.isEmpty()) {
            return "";
        }
        MessageDigest sha256 = sha256();
        String prefix = secretOrNull + method.toUpperCase(Locale.ROOT) + stripQueryAndFragment(url);
        sha256.update(prefix.getBytes(StandardCharsets.UTF_8));
        if (rawBodyOrNull != null) {
            sha256.update(rawBodyOrNull);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The URL up to the first {@code ?} or {@code #}, whichever comes first: a {@code ?} inside a
     * fragment is not a query, and a {@code #} ends the part that is signed either way.
     */
    public static String stripQueryAndFragment(String url) {
        int cut = url.length();
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (query >= 0) {
            cut = query;
        }
        if (fragment >= 0 && fragment < cut) {
            cut = fragment;
        }
        return url.substring(0, cut);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
