package dev.keyshell.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The repository's copy of the conformance data stays the shared folder, byte for byte. */
class ConformanceCopyTest {
  /** The one file of the copy that the shared folder does not have. */
  private static final String SOURCES = "SOURCES.md";

  @Test
  void the_copy_equals_the_shared_folder_byte_for_byte() throws IOException {
    Path shared = Conformance.shared();
    assumeTrue(
        Files.isDirectory(shared),
        "no shared conformance folder at " + shared.toAbsolutePath() + " (a fresh clone)");
    Path copy = Conformance.dir();

    TreeSet<String> expected = files(shared);
    expected.add(SOURCES);
    assertEquals(expected, files(copy), "files in " + copy + " against " + shared);

    List<String> differ = new ArrayList<>();
    for (String file : expected) {
      if (!file.equals(SOURCES)
          && !Arrays.equals(
              Files.readAllBytes(shared.resolve(file)), Files.readAllBytes(copy.resolve(file)))) {
        differ.add(file);
      }
    }
    assertEquals(List.of(), differ, "copy differs from " + shared + "; copy the folder again");
  }

  @Test
  void every_folder_of_the_copy_has_its_sources_written_down() throws IOException {
    Path copy = Conformance.dir();
    String sources = Files.readString(copy.resolve(SOURCES));
    for (String file : files(copy)) {
      if (file.equals(SOURCES)) {
        continue;
      }
      String folder = file.contains("/") ? file.substring(0, file.indexOf('/') + 1) : file;
      assertTrue(sources.contains("`" + folder), SOURCES + " says nothing of " + folder);
    }
  }

  private static TreeSet<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      TreeSet<String> files = new TreeSet<>();
      walk.filter(Files::isRegularFile)
          .forEach(p -> files.add(root.relativize(p).toString().replace('\\', '/')));
      return files;
    }
  }
}
