package dev.keyshell.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared conformance data, read in place from {@code ../shared/conformance}. */
public final class Conformance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Conformance() {}

  public static Path dir() {
    String configured = System.getProperty("keyshell.conformance");
    return configured == null ? Path.of("../shared/conformance") : Path.of(configured);
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
