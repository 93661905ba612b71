package dev.keyshell.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The terminal has one stack: only this package opens /dev/tty or runs stty. */
class OneTerminalTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final Path TTY = MAIN.resolve("dev/keyshell/tty");

  @Test
  void no_other_package_opens_the_terminal_or_runs_stty() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      List<String> elsewhere =
          files
              .filter(f -> f.toString().endsWith(".java") && !f.startsWith(TTY))
              .filter(OneTerminalTest::touchesTheTerminal)
              .map(Path::toString)
              .sorted()
              .toList();
      assertEquals(List.of(), elsewhere, "use dev.keyshell.tty.Terminal");
    }
  }

  private static boolean touchesTheTerminal(Path source) {
    try {
      String s = Files.readString(source);
      return s.contains("\"/dev/tty\"") || s.contains("\"stty\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
