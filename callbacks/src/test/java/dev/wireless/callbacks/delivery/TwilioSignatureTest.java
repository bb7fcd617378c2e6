package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";

    /**
     * Twilio's documented example request. Expected value computed in a shell with:
     * printf '%s' "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212"
     *   | openssl dgst -sha1 -hmac 12345 -binary | base64
     */
    @Test
    void matchesTwilioDocumentedVector() {
        Map<String, List<String>> params = new HashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("Caller", List.of("+14158675309"));
        params.put("From", List.of("+14158675309"));
        params.put("Digits", List.of("1234"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));

        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.sign(TOKEN, url, params));
    }

    /**
     * A command callback with a repeated parameter given out of order. Expected value computed with:
     * printf '%s' "https://example.com/cb?x=1AccountSidAC123CommandhelloSimSidDE456StatusqueuedTagaTagb"
     *   | openssl dgst -sha1 -hmac 12345 -binary | base64
     */
    @Test
    void matchesHandComputedMultiValueVector() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Tag", List.of("b", "a"));
        params.put("Status", List.of("queued"));
        params.put("SimSid", List.of("DE456"));
        params.put("Command", List.of("hello"));
        params.put("AccountSid", List.of("AC123"));

        assertEquals("HCHzfc45nsMBGn5IqJYH5WVxWbs=",
                TwilioSignature.sign(TOKEN, "https://example.com/cb?x=1", params));
    }

    @Test
    void agreesWithIndependentVerifierOnVariedInputs() {
        Map<String, List<String>> mixed = new HashMap<>();
        mixed.put("b", List.of("2"));
        mixed.put("B", List.of("3"));
        mixed.put("a", List.of("z", "y", "x"));
        mixed.put("Ünïcödé", List.of("värde ✓"));
        mixed.put("Empty", List.of(""));
        List<Map<String, List<String>>> cases = List.of(Map.of(), Map.of("Status", List.of("active")), mixed);

        for (Map<String, List<String>> params : cases) {
            String url = "https://receiver.example/hook?Sid=DE1&n=2";
            assertEquals(independentSignature("secret-token", url, params),
                    TwilioSignature.sign("secret-token", url, params), "params " + params);
        }
    }

    @Test
    void signedStringOrdersNamesOrdinallyAndValuesAscending() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("b", List.of("2"));
        params.put("a", List.of("9", "1"));
        params.put("B", List.of("3"));

        assertEquals("https://h/pB3a1a9b2", TwilioSignature.signedString("https://h/p", params));
    }

    @Test
    void repeatedIdenticalValuesCountOnceLikeTwilioLibraries() {
        String url = "https://h/p";
        assertEquals(TwilioSignature.sign(TOKEN, url, Map.of("T", List.of("a", "b"))),
                TwilioSignature.sign(TOKEN, url, Map.of("T", List.of("b", "a", "b"))));
    }

    @Test
    void getCallbackSignsTheUrlAlone() {
        String url = "https://h/status?SimSid=DE1&Status=active";
        String urlOnly = independentSignature(TOKEN, url, Map.of());

        assertEquals(urlOnly, TwilioSignature.sign(TOKEN, url, Map.of()));
        assertEquals(urlOnly, TwilioSignature.sign(TOKEN, url, null));
    }

    @Test
    void verifyAcceptsTheRightSignatureOnly() {
        String url = "https://h/cb";
        Map<String, List<String>> params = Map.of("Status", List.of("sent"));
        String signature = independentSignature(TOKEN, url, params);

        assertTrue(TwilioSignature.verify(TOKEN, url, params, signature));
        assertFalse(TwilioSignature.verify("other-token", url, params, signature));
        assertFalse(TwilioSignature.verify(TOKEN, url + "?x=1", params, signature));
        assertFalse(TwilioSignature.verify(TOKEN, url, Map.of("Status", List.of("failed")), signature));
        assertFalse(TwilioSignature.verify(TOKEN, url, params, signature.substring(1)));
        assertFalse(TwilioSignature.verify(TOKEN, url, params, null));
    }

    @Test
    void differentTokensGiveDifferentSignatures() {
        assertNotEquals(TwilioSignature.sign("a", "https://h/", Map.of()),
                TwilioSignature.sign("b", "https://h/", Map.of()));
    }

    /** Written from the algorithm description, sharing no code with the class under test. */
    private static String independentSignature(String token, String url, Map<String, List<String>> params) {
        List<String[]> pairs = new ArrayList<>();
        params.forEach((name, values) -> values.stream().distinct()
                .forEach(value -> pairs.add(new String[] {name, value})));
        pairs.sort((x, y) -> x[0].equals(y[0]) ? x[1].compareTo(y[1]) : x[0].compareTo(y[0]));
        StringBuilder signed = new StringBuilder(url);
        for (String[] pair : pairs) {
            signed.append(pair[0]).append(pair[1]);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** HMAC-SHA1 with an empty key over an empty message; expected value from python3 hmac.new(b"", b"", sha1). */
    @Test
    void anEmptyKeySignsLikeHmacWithAnEmptyKey() {
        byte[] expected = HexFormat.of().parseHex("fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
        assertEquals(Base64.getEncoder().encodeToString(expected), TwilioSignature.sign("", "", Map.of()));
    }
}
