package dev.wireless.callbacks;

import dev.wireless.callbacks.delivery.CallbackUrls;
import dev.wireless.callbacks.delivery.FormParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a producer asks to be called back with: whose callback it is, what it is about, where and
 * how to send it, and the form parameters in wire order.
 *
 * <p>The URL must already have passed {@link CallbackUrls#validate} when the client stored it (the
 * API answers 400 there); here an invalid one is a programming error. Where the URL points is not
 * checked here but at every send, by the dispatcher's address policy.
 *
 * @param accountSid  the account that owns the resource; its keys sign the callback and its
 *                    Debugger receives the alert if delivery fails
 * @param resourceSid the Sim or Command the callback reports on
 * @param kind        what happened, e.g. {@link CallbackKind#SIM_STATUS}
 * @param method      {@code GET} or {@code POST} (case-insensitive; stored upper-case)
 */
public record CallbackRequest(String accountSid, String resourceSid, String kind, String url, String method,
                              List<FormParameter> parameters) {

    private static final Pattern ACCOUNT_SID = Pattern.compile("^AC[0-9a-f]{32}$");
    private static final Pattern KIND = Pattern.compile("^[a-z]+(\\.[a-z_]+)+$");

    public CallbackRequest {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(resourceSid, "resourceSid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        if (!ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("not an account SID: " + accountSid);
        }
        if (resourceSid.isBlank()) {
            throw new IllegalArgumentException("a callback needs the SID of the resource it reports on");
        }
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a callback kind looks like 'sim.status', got '" + kind + "'");
        }
        CallbackUrls.validate(url).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        method = method.toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("a callback method is GET or POST, got '" + method + "'");
        }
        parameters = List.copyOf(parameters);
    }

    /** Starts an ordered parameter list that leaves out absent (null) values. */
    public static Parameters form() {
        return new Parameters();
    }

    /** Builds the ordered form parameters; a null value leaves its parameter out. */
    public static final class Parameters {
        private final List<FormParameter> list = new ArrayList<>();

        private Parameters() {
        }

        public Parameters add(String name, Object valueOrNull) {
            if (valueOrNull != null) {
                list.add(new FormParameter(name, String.valueOf(valueOrNull)));
            }
            return this;
        }

        public List<FormParameter> toList() {
            return List.copyOf(list);
        }
    }
}
