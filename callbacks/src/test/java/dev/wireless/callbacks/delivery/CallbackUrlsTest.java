package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallbackUrlsTest {

    private static String urlOfLength(int length) {
        String prefix = "https://example.com/";
        return prefix + "a".repeat(length - prefix.length());
    }

    private static void assertProblem(String url, String expectedFragment) {
        Optional<String> problem = CallbackUrls.validate(url);
        assertTrue(problem.isPresent(), "expected a problem with " + url);
        assertTrue(problem.get().contains(expectedFragment), url + " -> " + problem.get());
    }

    @Test
    void acceptsAbsoluteHttpAndHttpsUrls() {
        for (String url : new String[] {"https://example.com/cb", "http://example.com:8080/cb?x=1&y=2",
                "HTTPS://EXAMPLE.COM/", "http://127.0.0.1:1234/hook", "https://[2001:db8::1]/cb",
                "https://example.com/cb?a=1%26b=2#cbs", urlOfLength(2048)}) {
            assertEquals(Optional.empty(), CallbackUrls.validate(url), url);
        }
    }

    @Test
    void rejectsMissingAndOverlongUrls() {
        assertProblem(null, "empty");
        assertProblem("", "empty");
        assertProblem("   ", "empty");
        assertProblem(urlOfLength(2049), "2048");
    }

    @Test
    void rejectsRelativeAndMalformedUrls() {
        assertProblem("/relative/path", "absolute");
        assertProblem("example.com/cb", "absolute");
        assertProblem("http://exa mple.com/", "not a valid URL");
        assertProblem("https://example.com/%zz", "not a valid URL");
    }

    @Test
    void rejectsOtherSchemes() {
        for (String url : new String[] {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)",
                "mailto:ops@example.com", "localhost:8080"}) {
            assertProblem(url, "http or https");
        }
    }

    @Test
    void rejectsUserInfo() {
        assertProblem("https://user:pass@example.com/cb", "user name or password");
        assertProblem("https://user@example.com/cb", "user name or password");
    }

    @Test
    void rejectsMissingHostAndBadPorts() {
        assertProblem("https:///path", "host");
        assertProblem("http://under_score.example/cb", "host");
        assertProblem("http://example.com:99999/", "port");
        assertProblem("http://example.com:0/", "port");
    }
}
