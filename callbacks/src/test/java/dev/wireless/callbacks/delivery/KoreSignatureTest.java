package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KoreSignatureTest {

    private static final String FORM = "field1=value1&field2=value2";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void matchesKoreFormVectorWithShortSecret() {
        assertEquals("f562d3959f68b5a30fc7a63f8bbf40987f633575f4231ffceb4f76dd154ea3ce",
                KoreSignature.sign("12345", "POST", "https://testendpoint.com", utf8(FORM)));
    }

    @Test
    void matchesKoreFormVectorWithLongerSecret() {
        assertEquals("4fdba0cb1394cc8d17b8dabb04634aa9a951021a7b161f9c7a2186cd490b18b2",
                KoreSignature.sign("secret12345", "POST", "https://testendpoint.com", utf8(FORM)));
    }

    @Test
    void matchesKoreCompactJsonVector() {
        assertEquals("d21c555b37789cdb9433a85760d326f0c637d5c17676b8dc49918ec629c67d59",
                KoreSignature.sign("a35974bdf1c769b8bb", "POST", "https://testendpoint.com",
                        utf8("{\"field1\":\"value1\",\"field2\":\"value2\"}")));
    }

    /** Expected: printf '%s' "12345GEThttps://testendpoint.com/hook" | sha256sum */
    @Test
    void bodylessRequestSignsSecretMethodAndUrlOnly() {
        String expected = "6ed918ae5abc7a1ee8cb595fe78047cb37046056e53869b943c07644a5e397ed";
        assertEquals(expected, KoreSignature.sign("12345", "GET", "https://testendpoint.com/hook", null));
        assertEquals(expected, KoreSignature.sign("12345", "GET", "https://testendpoint.com/hook", new byte[0]));
    }

    @Test
    void queryAndFragmentAreNotSigned() {
        String plain = KoreSignature.sign("12345", "POST", "https://testendpoint.com", utf8(FORM));

        assertEquals(plain, KoreSignature.sign("12345", "POST", "https://testendpoint.com?a=1%26b=2", utf8(FORM)));
        assertEquals(plain, KoreSignature.sign("12345", "POST", "https://testendpoint.com#cbs", utf8(FORM)));
        assertEquals(plain, KoreSignature.sign("12345", "POST", "https://testendpoint.com?a=1#cbs", utf8(FORM)));
    }

    @Test
    void missingSecretGivesEmptyHeader() {
        assertEquals("", KoreSignature.sign(null, "POST", "https://testendpoint.com", utf8(FORM)));
        assertEquals("", KoreSignature.sign("", "POST", "https://testendpoint.com", utf8(FORM)));
    }

    @Test
    void methodIsSignedInUpperCase() {
        assertEquals(KoreSignature.sign("12345", "POST", "https://testendpoint.com", utf8(FORM)),
                KoreSignature.sign("12345", "post", "https://testendpoint.com", utf8(FORM)));
        assertNotEquals(KoreSignature.sign("12345", "PUT", "https://testendpoint.com", utf8(FORM)),
                KoreSignature.sign("12345", "POST", "https://testendpoint.com", utf8(FORM)));
    }

    @Test
    void stripsFromWhicheverOfQueryOrFragmentComesFirst() {
        assertEquals("https://h/p", KoreSignature.stripQueryAndFragment("https://h/p?q=1#f"));
        assertEquals("https://h/p", KoreSignature.stripQueryAndFragment("https://h/p#f?not-a-query"));
        assertEquals("https://h/p", KoreSignature.stripQueryAndFragment("https://h/p"));
        assertEquals("https://h/p/", KoreSignature.stripQueryAndFragment("https://h/p/?"));
    }
}
