package dev.keyshell.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The conformance data, read from the repository's copy in {@code src/test/resources/conformance}
 * (the {@code keyshell.conformance} property), so the tests run from a fresh clone. {@code
 * ConformanceCopyTest} keeps the copy equal to the shared folder.
 */
public final class Conformance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Conformance() {}

  /** The repository's copy; fails with its path when it is missing. */
  public static Path dir() {
    Path dir = property("keyshell.conformance", "src/test/resources/conformance");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("conformance data not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** The shared folder the copy is taken from, which a fresh clone does not have. */
  public static Path shared() {
    return property("keyshell.shared.conformance", "../shared/conformance");
  }

  private static Path property(String name, String fallback) {
    String configured = System.getProperty(name);
    return Path.of(configured == null || configured.isBlank() ? fallback : configured);
  }

  public static Path file(String relative) {
    return dir().resolve(relative);
  }

  public static String text(String relative) {
    try {
      return Files.readString(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
