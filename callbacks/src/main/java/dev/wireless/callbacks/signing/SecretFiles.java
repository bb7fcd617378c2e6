package dev.wireless.callbacks.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Files in the data directory that hold a secret (keys, tokens, credentials). */
public final class SecretFiles {

    private SecretFiles() {
    }

    /**
     * Writes {@code text} to {@code file} (creating its directory) readable by the owner only; on a
     * file system without POSIX permissions the file keeps the default ones.
     */
    public static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // nothing to restrict with
        }
    }
}
