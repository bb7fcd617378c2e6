package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The delivery policy applied where a URL is given: literal addresses in every notation, names untouched. */
class CallbackUrlRefusalTest {

    private static final AddressPolicy STRICT = AddressPolicy.fromSetting("");
    private static final AddressPolicy LOOPBACK_ALLOWED = AddressPolicy.fromSetting("127.0.0.0/8");

    @Test
    void literalPrivateAddressesAreRefusedInAnyNotation() {
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://10.0.0.1",
                "http://127.0.0.1:8080", "http://0.0.0.0", "http://[::ffff:169.254.169.254]/", "http://[::ffff:7f00:1]/",
                "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/", "http://0x7F.1/",
                "http://2852039166/", "http://localhost:8080/", "http://api.localhost/", "http://LOCALHOST./",
                "http://[fe80::1%25eth0]/", "http://[64:ff9b::a9fe:a9fe]/", "http://192.168.0.1./"}) {
            Optional<String> refusal = CallbackUrls.refusal(url, STRICT);
            assertTrue(refusal.isPresent(), url);
        }
        assertEquals(Optional.of("Callback address 169.254.169.254 is the cloud instance metadata address; "
                + "it is refused because it is not in the callback allow-list."),
                CallbackUrls.refusal("http://2852039166/", STRICT));
    }

    @Test
    void publicAddressesAndNamesAreAcceptedAsGiven() {
        for (String url : new String[] {"https://example.com/cb", "http://93.184.215.14/", "http://[2001:4860::8888]/",
                "http://metadata.google.internal/", "http://10.example.com/", "http://0x.example.com/"}) {
            assertEquals(Optional.empty(), CallbackUrls.refusal(url, STRICT), url);
        }
    }

    @Test
    void theAllowListReadmitsWhatItNames() {
        for (String url : new String[] {"http://127.0.0.1:8080/", "http://localhost/", "http://2130706433/",
                "http://[::ffff:127.0.0.1]/"}) {
            assertEquals(Optional.empty(), CallbackUrls.refusal(url, LOOPBACK_ALLOWED), url);
        }
        assertTrue(CallbackUrls.refusal("http://[::1]/", LOOPBACK_ALLOWED).isPresent());
        assertTrue(CallbackUrls.refusal("http://169.254.169.254/", LOOPBACK_ALLOWED).isPresent());
    }

    @Test
    void theShapeIsCheckedFirst() {
        assertEquals(Optional.of("the callback URL must use http or https"),
                CallbackUrls.refusal("ftp://example.com/", STRICT));
    }

    @Test
    void inetAtonReadsTheClassicForms() {
        assertEquals("127.0.0.1", dotted(HostLiterals.inetAton("127.1")));
        assertEquals("127.0.0.1", dotted(HostLiterals.inetAton("0x7f.0.0.1")));
        assertEquals("10.0.1.0", dotted(HostLiterals.inetAton("10.256")));
        assertEquals(null, HostLiterals.inetAton("256.1.1.1"));
        assertEquals(null, HostLiterals.inetAton("1.2.3.4.5"));
        assertEquals(null, HostLiterals.inetAton("08.1.1.1"));
        assertEquals(null, HostLiterals.inetAton("example"));
        assertEquals(null, HostLiterals.inetAton("4294967296"));
    }

    private static String dotted(byte[] address) {
        return address == null ? null
                : (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }
}
