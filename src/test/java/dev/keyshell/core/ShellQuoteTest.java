package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.proc.Executables;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The quoted word must come out of bash, zsh and fish as exactly the word, never as code. */
class ShellQuoteTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/home/me/project",
        "x'; touch ~/PWNED; echo '",
        "it's",
        "''",
        "back\\slash\\",
        "ends with \\'",
        "$(touch PWNED) `touch PWNED` $HOME ~ * ? [a] {a,b} (x) ; & | < > # !",
        "",
        "fish\\' tricks\\\\'"
      })
  void every_shell_reads_the_quoted_word_back_unchanged(String word) throws Exception {
    for (String shell : List.of("bash", "zsh", "fish")) {
      Path exe = Executables.find(shell, "/usr/bin:/bin").orElseThrow();
      ProcessResult r =
          new ProcessRunner()
              .run(
                  List.of(
                      exe.toString(), "-c", "printf '%s' " + ShellQuote.quote(word) + "; echo ."),
                  Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()),
                  new byte[0],
                  Duration.ofSeconds(20));
      assertEquals(word + ".\n", r.stdoutText(), shell + ": " + r.stderr());
      assertFalse(Files.exists(tmp.resolve("PWNED")), shell + " ran a command");
    }
  }

  @ParameterizedTest
  @CsvSource({"it's,'it'\\''s'", "a\\b,'a'\\\\'b'"})
  void quote_and_backslash_go_outside_the_quotes(String word, String quoted) {
    assertEquals(quoted, ShellQuote.quote(word));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nb", "a\u001b]0;x\u0007", "a\rb"})
  void a_word_with_control_characters_is_not_pasteable(String word) {
    assertFalse(ShellQuote.pasteable(word));
    assertTrue(ShellQuote.pasteable("plain/path"));
  }
}
