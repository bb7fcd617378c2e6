package dev.wireless.callbacks.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape check for a callback URL, made when a client stores one, so a bad URL is rejected with
 * a clear error then rather than failing every delivery later. Where the host points is a separate
 * question, answered per resolved address by {@link AddressPolicy} at delivery time.
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
}
