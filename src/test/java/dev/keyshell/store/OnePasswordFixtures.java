package dev.keyshell.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keyshell.testing.Conformance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The recorded 1Password answers in the conformance data. */
public final class OnePasswordFixtures {
  private OnePasswordFixtures() {}

  /** {@code conformance/onepassword} in the repository's copy of the conformance data. */
  public static Path dir() {
    return Conformance.file("onepassword");
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
