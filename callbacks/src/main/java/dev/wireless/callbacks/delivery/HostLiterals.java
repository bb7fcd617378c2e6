package dev.wireless.callbacks.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The addresses a URL's host stands for without asking DNS: an IPv4 address in any form the C
 * resolver reads ({@code inet_aton}: dotted decimal, but also {@code 2130706433}, {@code 0x7f000001},
 * {@code 0177.0.0.1} or {@code 127.1}), a bracketed IPv6 address (a zone id ignored), and
 * {@code localhost} with its subdomains, which always mean the loopback (RFC 6761). Any other host
 * is a name and yields nothing: where a name points is only known, and checked, when a callback is sent.
 */
final class HostLiterals {

    private static final List<InetAddress> LOCALHOST = List.of(bytes(new byte[] {127, 0, 0, 1}),
            bytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

    private HostLiterals() {
    }

    /** The addresses {@code host} (as in a URL, IPv6 in brackets) literally names; empty for a DNS name. */
    static List<InetAddress> addresses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            String literal = h.substring(1, h.length() - 1);
            int zone = literal.indexOf('%');
            try {
                return List.of(InetAddress.getByName("[" + (zone < 0 ? literal : literal.substring(0, zone)) + "]"));
            } catch (UnknownHostException e) {
                return List.of(); // not an address: the shape check refuses it
            }
        }
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return LOCALHOST;
        }
        byte[] v4 = inetAton(h);
        return v4 == null ? List.of() : List.of(bytes(v4));
    }

    /**
     * The classic resolver's reading of an IPv4 literal: one to four parts, each decimal, octal
     * (leading 0) or hexadecimal (0x), the last part filling the remaining bytes; null when
     * {@code text} is not one.
     */
    static byte[] inetAton(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            long value = number(parts[i]);
            if (value < 0) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        int lastBits = 8 * (4 - (parts.length - 1));
        if (last >= (1L << lastBits)) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** One part's value, or -1 when it is not a number in C syntax (or is absurdly long). */
    private static long number(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // "0x" alone reads as zero
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        try {
            long value = Long.parseLong(digits, radix);
            return value < 0 || digits.startsWith("+") || digits.startsWith("-") ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static InetAddress bytes(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
