package dev.wireless.callbacks.delivery;

import java.util.Objects;

/**
 * One name/value pair of a callback's form body. Callbacks are lists of these rather than maps
 * because the order a producer gives is the order on the wire, and a name may repeat.
 */
public record FormParameter(String name, String value) {

    public FormParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a form parameter needs a name");
        }
    }
}
