package dev.keyshell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded 1Password answers in the shared conformance data, read in place. */
public final class OnePasswordFixtures {
  private OnePasswordFixtures() {}

  /** {@code conformance/onepassword}, from the {@code keyshell.conformance} property. */
  public static Path dir() {
    String prop = System.getProperty("keyshell.conformance");
    Path root = prop == null || prop.isBlank() ? Path.of("../shared/conformance") : Path.of(prop);
    Path dir = root.resolve("onepassword");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("conformance data not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  public static String text(String file) {
    try {
      return Files.readString(dir().resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode json(String file) {
    return (ObjectNode) json0(file);
  }

  /** The fixture as a JSON tree of any shape (arrays for list answers). */
  public static JsonNode json0(String file) {
    try {
      return OnePasswordJson.MAPPER.readTree(text(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
