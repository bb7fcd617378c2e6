package dev.wireless.callbacks.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormBodyTest {

    @Test
    void encodesInOrderWithFormEscaping() {
        List<FormParameter> params = List.of(new FormParameter("Status", "active"),
                new FormParameter("Note", "a b&c=d é+"), new FormParameter("Status", "again"));
        assertEquals("Status=active&Note=a+b%26c%3Dd+%C3%A9%2B&Status=again", FormBody.encode(params));
        assertEquals(params, FormBody.decode(FormBody.encode(params)));
    }

    @Test
    void decodesRepeatedNamesIntoTheSignatureMap() {
        assertEquals(Map.of("A", List.of("1", "2"), "B", List.of("")), FormBody.decodeToMap("A=1&B&A=2&"));
        assertEquals(List.of(), FormBody.decode(""));
    }
}
