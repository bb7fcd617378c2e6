package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static final AddressPolicy STRICT = AddressPolicy.fromSetting("");

    /** Only IP literals are passed here, so no DNS lookup happens. */
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 address that embeds an IPv4 one; the JDK would otherwise hand back an Inet4Address. */
    private static InetAddress v6Embedding(int[] prefix12, int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 12; i++) {
            bytes[i] = (byte) prefix12[i];
        }
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static final int[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    private static final int[] COMPATIBLE = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] NAT64 = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void refusesNonPublicIpv4() {
        for (String address : new String[] {"127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3",
                "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.0.1",
                "192.168.255.255", "169.254.0.1", "169.254.169.254", "100.64.0.1", "100.127.255.255",
                "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255"}) {
            assertFalse(STRICT.isAllowed(ip(address)), address);
            assertTrue(STRICT.refusalReason(ip(address)).contains(address), address);
        }
    }

    @Test
    void refusesNonPublicIpv6() {
        for (String address : new String[] {"::", "::1", "fe80::1", "febf:ffff::1", "fc00::1",
                "fd12:3456:789a::1", "fd00:ec2::254", "fec0::1", "ff02::1", "ff05::1:3"}) {
            assertFalse(STRICT.isAllowed(ip(address)), address);
        }
    }

    @Test
    void refusesIpv6FormsThatEmbedNonPublicIpv4() {
        assertFalse(STRICT.isAllowed(v6Embedding(MAPPED, 127, 0, 0, 1)));
        assertFalse(STRICT.isAllowed(v6Embedding(MAPPED, 169, 254, 169, 254)));
        assertFalse(STRICT.isAllowed(v6Embedding(MAPPED, 10, 0, 0, 1)));
        assertFalse(STRICT.isAllowed(v6Embedding(COMPATIBLE, 192, 168, 1, 1)));
        assertFalse(STRICT.isAllowed(v6Embedding(NAT64, 169, 254, 169, 254)));
        assertFalse(STRICT.isAllowed(ip("::ffff:127.0.0.1")));
        assertTrue(STRICT.isAllowed(v6Embedding(MAPPED, 8, 8, 8, 8)));
        assertTrue(STRICT.isAllowed(v6Embedding(NAT64, 1, 1, 1, 1)));
    }

    @Test
    void allowsPublicAddressesIncludingNeighboursOfRefusedRanges() {
        for (String address : new String[] {"8.8.8.8", "1.1.1.1", "93.184.216.34", "9.255.255.255",
                "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255", "192.169.0.0",
                "169.253.255.255", "169.255.0.0", "100.63.255.255", "100.128.0.0", "223.255.255.255",
                "2606:4700:4700::1111", "2001:4860:4860::8888", "fbff::1", "fe7f::1", "2a00:1450:4001::200e"}) {
            assertTrue(STRICT.isAllowed(ip(address)), address);
            assertNull(STRICT.refusalReason(ip(address)), address);
        }
    }

    @Test
    void refusalReasonSaysWhatTheAddressIs() {
        assertEquals("Callback address 169.254.169.254 is the cloud instance metadata address; "
                + "it is refused because it is not in the callback allow-list.",
                STRICT.refusalReason(ip("169.254.169.254")));
        assertTrue(STRICT.refusalReason(ip("10.0.0.1")).contains("private network address"));
        assertTrue(STRICT.refusalReason(ip("100.64.0.1")).contains("carrier-grade NAT"));
        assertTrue(STRICT.refusalReason(ip("169.254.3.4")).contains("link-local"));
        assertTrue(STRICT.refusalReason(ip("::1")).contains("loopback"));
        assertTrue(STRICT.refusalReason(ip("fd00::1")).contains("unique local"));
        String mapped = STRICT.refusalReason(v6Embedding(MAPPED, 127, 0, 0, 1));
        assertTrue(mapped.contains("IPv4 127.0.0.1") && mapped.contains("loopback"), mapped);
    }

    @Test
    void allowListReadmitsChosenRangesOnly() {
        AddressPolicy policy = AddressPolicy.fromSetting("127.0.0.0/8, 10.1.0.0/16 ,::1/128");

        assertTrue(policy.isAllowed(ip("127.0.0.1")));
        assertTrue(policy.isAllowed(ip("127.9.9.9")));
        assertTrue(policy.isAllowed(ip("10.1.255.1")));
        assertTrue(policy.isAllowed(ip("::1")));
        assertTrue(policy.isAllowed(v6Embedding(MAPPED, 127, 0, 0, 1)));
        assertTrue(policy.isAllowed(ip("8.8.8.8")));
        assertFalse(policy.isAllowed(ip("10.2.0.1")));
        assertFalse(policy.isAllowed(ip("192.168.1.1")));
        assertFalse(policy.isAllowed(ip("169.254.169.254")));
        assertFalse(policy.isAllowed(ip("fe80::1")));
    }

    @Test
    void allowListHandlesPartialBytePrefixesHostBitsAndSingleHosts() {
        AddressPolicy policy = AddressPolicy.fromSetting("172.16.9.9/13,192.168.5.5,fd00:1234::/32,");

        assertTrue(policy.isAllowed(ip("172.16.0.1")));
        assertTrue(policy.isAllowed(ip("172.23.255.255")));
        assertFalse(policy.isAllowed(ip("172.24.0.1")));
        assertTrue(policy.isAllowed(ip("192.168.5.5")));
        assertFalse(policy.isAllowed(ip("192.168.5.6")));
        assertTrue(policy.isAllowed(ip("fd00:1234:ffff::1")));
        assertFalse(policy.isAllowed(ip("fd00:1235::1")));
    }

    @Test
    void allowListAcceptsIpv4MappedBlocks() {
        AddressPolicy policy = AddressPolicy.fromSetting("::ffff:10.0.0.0/104");

        assertTrue(policy.isAllowed(ip("10.200.0.1")));
        assertFalse(policy.isAllowed(ip("192.168.0.1")));
    }

    @Test
    void describesTheEffectiveAllowListForStartupLogs() {
        assertEquals("AddressPolicy[allow=[172.16.0.0/13, 10.0.0.0/8, 0:0:0:0:0:0:0:1/128]]",
                AddressPolicy.fromSetting("172.16.9.9/13,::ffff:10.9.9.9/104,::1").toString());
    }

    @Test
    void blankSettingMeansNoAllowList() {
        assertFalse(AddressPolicy.fromSetting(null).isAllowed(ip("127.0.0.1")));
        assertFalse(AddressPolicy.fromSetting("  ").isAllowed(ip("127.0.0.1")));
        assertFalse(AddressPolicy.fromSetting(" , ").isAllowed(ip("127.0.0.1")));
    }

    @Test
    void rejectsBadCidrsNamingThem() {
        for (String bad : new String[] {"10.0.0.0/33", "10.0.0/8", "localhost/8", "example.com",
                "::1/129", "300.1.1.1/8", "10.0.0.0/", "/8", "fe80::1%eth0/64", "10.0.0.0/-1",
                "::ffff:10.0.0.0/64", "10.0.0.0/8/8", "fe80::zz/64", "[::1]/128"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AddressPolicy.fromSetting("127.0.0.0/8," + bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
