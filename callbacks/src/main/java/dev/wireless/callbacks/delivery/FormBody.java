package dev.wireless.callbacks.delivery;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded} in UTF-8, the encoding of every callback body (and of
 * the query string of GET callbacks).
 *
 * <p>A callback's body is encoded once, when it is enqueued, and stored; every attempt sends those
 * stored bytes. Decoding exists only to feed {@link TwilioSignature}, which signs the decoded
 * parameters, so both directions must agree: space is {@code +}, everything outside
 * {@code A-Z a-z 0-9 . - * _} is percent-encoded.
 */
public final class FormBody {

    private FormBody() {
    }

    /** {@code name=value&name=value...} in the given order. */
    public static String encode(List<FormParameter> parameters) {
        StringJoiner body = new StringJoiner("&");
        for (FormParameter p : parameters) {
            body.add(escape(p.name()) + "=" + escape(p.value()));
        }
        return body.toString();
    }

    /** The parameters of an encoded body in order; a pair without {@code =} has an empty value. */
    public static List<FormParameter> decode(String body) {
        List<FormParameter> parameters = new ArrayList<>();
        if (body == null || body.isEmpty()) {
            return parameters;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            parameters.add(new FormParameter(unescape(name), unescape(value)));
        }
        return parameters;
    }

    /** The decoded parameters grouped by name, as {@link TwilioSignature} takes them. */
    public static Map<String, List<String>> decodeToMap(String body) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (FormParameter p : decode(body)) {
            byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p.value());
        }
        return byName;
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
