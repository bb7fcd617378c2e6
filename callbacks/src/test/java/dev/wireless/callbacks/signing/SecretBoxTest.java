package dev.wireless.callbacks.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    @Test
    void sealedValuesOpenWithTheSameKeyOnly() {
        SecretBox box = SecretBox.random();
        String sealed = box.seal("0123456789abcdef0123456789abcdef");

        assertFalse(sealed.contains("0123456789abcdef"));
        assertNotEquals(sealed, box.seal("0123456789abcdef0123456789abcdef"), "a fresh nonce every time");
        assertEquals("0123456789abcdef0123456789abcdef", box.open(sealed));
        assertThrows(IllegalStateException.class, () -> SecretBox.random().open(sealed));
        assertThrows(IllegalArgumentException.class, () -> box.open("plain"));
    }

    @Test
    void theKeyFileIsCreatedOnceAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets/master.key");
        String sealed = SecretBox.fromKeyFile(file).seal("token");

        assertEquals("token", SecretBox.fromKeyFile(file).open(sealed));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(file)));
    }

    @Test
    void aBadKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> SecretBox.fromBase64("!!!"));
    }
}
