package dev.wireless.callbacks.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard: callback URLs are chosen by API clients, so without it anyone with an account could
 * make the platform call its own database, an admin port on localhost or the cloud metadata service.
 *
 * <p>Check every address a callback host resolves to, at connect time (not when the URL is stored),
 * so a DNS answer that changes after validation cannot slip past it. Non-public addresses are refused:
 * loopback, "this network", private (RFC 1918), carrier-grade NAT, link-local (which holds the metadata
 * address 169.254.169.254), multicast, reserved, IPv6 unique-local and site-local, and IPv6 forms that
 * embed such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 {@code 64:ff9b::/96}). An allow-list
 * of CIDR blocks re-admits chosen ranges, which is how tests reach a receiver on 127.0.0.1.
 */
public final class AddressPolicy {

    private record Refusal(Cidr block, String what) {
    }

    private static final List<Refusal> REFUSED = List.of(
            refusal("0.0.0.0/8", "in 0.0.0.0/8, which stands for this host or network"),
            refusal("10.0.0.0/8", "a private network address (RFC 1918)"),
            refusal("100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"),
            refusal("127.0.0.0/8", "a loopback address"),
            refusal("169.254.169.254/32", "the cloud instance metadata address"),
            refusal("169.254.0.0/16", "a link-local address"),
            refusal("172.16.0.0/12", "a private network address (RFC 1918)"),
            refusal("192.168.0.0/16", "a private network address (RFC 1918)"),
            refusal("224.0.0.0/4", "a multicast address"),
            refusal("240.0.0.0/4", "a reserved or broadcast address"),
            refusal("::/128", "the unspecified address"),
            refusal("::1/128", "a loopback address"),
            refusal("fc00::/7", "a unique local IPv6 address (RFC 4193)"),
            refusal("fe80::/10", "a link-local address"),
            refusal("fec0::/10", "a site-local IPv6 address"),
            refusal("ff00::/8", "a multicast address"));

    private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Reads the allow-list setting, e.g. {@code 127.0.0.0/8,10.1.0.0/16,::1/128}; blank means none.
     *
     * @throws IllegalArgumentException naming the first entry that is not a CIDR block
     */
    public static AddressPolicy fromSetting(String commaSeparatedCidrs) {
        List<Cidr> blocks = new ArrayList<>();
        if (commaSeparatedCidrs != null) {
            for (String entry : commaSeparatedCidrs.split(",")) {
                if (!entry.isBlank()) {
                    blocks.add(Cidr.parse(entry));
                }
            }
        }
        return new AddressPolicy(blocks);
    }

    public boolean isAllowed(InetAddress address) {
        return refusalReason(address) == null;
    }

    /** Why a callback to {@code address} is refused, as a sentence for the attempt log; null when allowed. */
    public String refusalReason(InetAddress address) {
        Objects.requireNonNull(address, "address");
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (isAllowListed(address) || embedded.filter(this::isAllowListed).isPresent()) {
            return null;
        }
        Optional<String> what = refusedAs(address).or(() -> embedded.flatMap(AddressPolicy::refusedAs));
        if (what.isEmpty()) {
            return null;
        }
        String subject = address.getHostAddress()
                + embedded.map(v4 -> " (IPv4 " + v4.getHostAddress() + ")").orElse("");
        return "Callback address " + subject + " is " + what.get()
                + "; it is refused because it is not in the callback allow-list.";
    }

    private boolean isAllowListed(InetAddress address) {
        return allowed.stream().anyMatch(block -> block.contains(address));
    }

    private static Optional<String> refusedAs(InetAddress address) {
        return REFUSED.stream().filter(r -> r.block().contains(address)).map(Refusal::what).findFirst();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        boolean zeroPrefix = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
        boolean mapped = zeroPrefix && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0;
        boolean nat64 = Arrays.equals(bytes, 0, 12, NAT64_PREFIX, 0, 12);
        if (!(mapped || compatible || nat64)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    private static Refusal refusal(String cidr, String what) {
        return new Refusal(Cidr.parse(cidr), what);
    }

    @Override
    public String toString() {
        return "AddressPolicy[allow=" + allowed + "]";
    }
}
