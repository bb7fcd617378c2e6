package dev.wireless.callbacks.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wireless.callbacks.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.spi.BodyStream;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    @Test
    void keepsTheFirst1024CharactersOfAnyAnswer() throws Exception {
        BodyStream<String> stream = new CappedBody().stream();
        for (int i = 0; i < 100; i++) {
            stream.write(Buffer.buffer("é".repeat(500)));
        }
        stream.end();
        assertEquals("é".repeat(1024), TestDatabase.await(stream.result()));
    }

    @Test
    void neverSplitsASurrogatePairAndReplacesNul() {
        String text = "a".repeat(1023) + "😀" + "tail";
        assertEquals("a".repeat(1023), CappedBody.truncate(text));
        assertEquals("x\uFFFDy", CappedBody.truncate("x\u0000y"));
        assertNull(CappedBody.truncate(null));
    }
}
