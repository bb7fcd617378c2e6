package dev.wireless.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The temporary directories of a test run — nodes' data directories with their embedded Postgres
 * clusters (40–50 MB each), browser profiles, proxy configurations — removed when the test JVM
 * exits. Left behind, every run of the suite would leave more than a gigabyte in the temporary
 * directory, and repeated runs on one machine fill its disk.
 */
final class ScratchDirectories {

  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(ScratchDirectories::remove),
        "scratch-directories"));
  }

  private ScratchDirectories() {
  }

  /** A new empty directory named after {@code prefix}, removed with everything in it at exit. */
  static Path create(String prefix) {
    try {
      Path directory = Files.createTempDirectory(prefix);
      CREATED.add(directory);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Best effort: a file another process still holds open or removes at the same time is skipped. */
  private static void remove(Path root) {
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // left for the system's own cleaning of its temporary directory
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // the directory is already gone, or a part of it vanished while it was walked
    }
  }
}
