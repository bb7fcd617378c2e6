package dev.wireless.callbacks.delivery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address block such as {@code 10.1.0.0/16} or {@code fc00::/7}.
 *
 * <p>Parsing accepts IP literals only and never asks DNS: a setting that names a host by mistake must
 * fail at start-up, not resolve to whatever that name points at today. Host bits below the prefix are
 * ignored, and a bare address is a single-host block.
 */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");
    private static final int MAPPED_PREFIX_BITS = 96;

    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] address, int prefixLength) {
        this.network = address.clone();
        for (int bit = prefixLength; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        this.prefixLength = prefixLength;
    }

    static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = literal(addressPart, trimmed);
        int maxBits = address.getAddress().length * 8;
        int prefix = slash < 0 ? maxBits : prefix(trimmed.substring(slash + 1), trimmed);
        if (address instanceof Inet4Address && addressPart.contains(":")) {
            if (slash >= 0 && prefix < MAPPED_PREFIX_BITS) {
                throw invalid(trimmed, "an IPv4-mapped block needs a prefix of at least /96");
            }
            prefix = slash < 0 ? maxBits : prefix - MAPPED_PREFIX_BITS;
        }
        if (prefix > maxBits) {
            throw invalid(trimmed, "the prefix must be at most /" + maxBits);
        }
        return new Cidr(address.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - restBits);
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static InetAddress literal(String text, String whole) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(v4.group(i + 1));
                if (octet > 255) {
                    throw invalid(whole, "octet " + octet + " is above 255");
                }
                bytes[i] = (byte) octet;
            }
            return byAddress(bytes);
        }
        if (!text.contains(":") || text.contains("%") || text.contains("[") || text.contains("]")) {
            throw invalid(whole, "not an IP address literal");
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw invalid(whole, "not an IPv6 address literal");
        }
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    private static int prefix(String text, String whole) {
        if (!PREFIX.matcher(text).matches()) {
            throw invalid(whole, "the prefix length must be a number");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String cidr, String why) {
        return new IllegalArgumentException("invalid CIDR '" + cidr + "': " + why);
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a parsed block always has a valid length", e);
        }
    }
}
