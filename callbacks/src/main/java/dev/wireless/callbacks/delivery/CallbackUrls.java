package dev.wireless.callbacks.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape check for a callback URL, made when a client stores one, so a bad URL is rejected with
 * a clear error then rather than failing every delivery later. Where the host points is answered
 * by {@link AddressPolicy}: when the URL is given, for a host that is an address literal (or
 * {@code localhost}), with {@link #refusal}; for names, per resolved address at delivery time.
 */
public final class CallbackUrls {

    public static final int MAX_LENGTH = 2048;

    private CallbackUrls() {
    }

    /** A short reason the URL cannot be used as a callback, or empty when it can. */
    public static Optional<String> validate(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("the callback URL is empty");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("the callback URL is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("the callback URL is not a valid URL");
        }
        if (!uri.isAbsolute()) {
            return Optional.of("the callback URL must be absolute");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("the callback URL must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("the callback URL must not contain a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("the callback URL must include a valid host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("the callback URL has an invalid port");
        }
        return Optional.empty();
    }

    /**
     * Why {@code url} cannot be accepted as a callback: its shape ({@link #validate}), or a host
     * that literally names an address {@code policy} refuses (loopback, private, link-local, the
     * metadata address…, in any notation the resolver reads), unless the allow-list admits it.
     * Host names are not resolved here; delivery checks where they point.
     */
    public static Optional<String> refusal(String url, AddressPolicy policy) {
        Optional<String> shape = validate(url);
        if (shape.isPresent()) {
            return shape;
        }
        List<InetAddress> addresses = HostLiterals.addresses(URI.create(url).getHost());
        String firstReason = null;
        for (InetAddress address : addresses) {
            String reason = policy.refusalReason(address);
            if (reason == null) {
                return Optional.empty();
            }
            firstReason = firstReason == null ? reason : firstReason;
        }
        return Optional.ofNullable(firstReason);
    }
}
