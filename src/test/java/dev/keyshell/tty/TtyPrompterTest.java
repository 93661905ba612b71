package dev.keyshell.tty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one terminal stack, on a plain file for a terminal: what the person typed is the file's
 * start, what keyshell wrote is appended. Raw and hidden modes need a real terminal (WizardIT).
 */
class TtyPrompterTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private TtyPrompter typed(String input, String... vars) throws IOException {
    Path tty = Files.writeString(dir.resolve("tty"), input);
    Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8"));
    for (int i = 0; i < vars.length; i += 2) {
      env.put(vars[i], vars[i + 1]);
    }
    return new TtyPrompter(tty, err, new Env(env, dir, dir));
  }

  private String screen() throws IOException {
    return Files.readString(dir.resolve("tty"));
  }

  @Test
  void a_line_is_read_from_the_terminal_and_an_empty_one_takes_the_default() throws IOException {
    TtyPrompter p = typed("\n  work \n");
    assertTrue(p.interactive());
    assertEquals("AWS default", p.ask("Name the item:", "AWS default"));
    assertEquals("work", p.ask("Vault:", null));
    assertTrue(screen().contains("? Name the item: [AWS default] ? Vault: "), screen());
  }

  @Test
  void ctrl_d_at_a_question_cancels_with_nothing_changed() {
    // /dev/null: a terminal that is there and at its end at once.
    TtyPrompter p = new TtyPrompter(Path.of("/dev/null"), err, new Env(Map.of(), dir, dir));
    Cancelled c = assertThrows(Cancelled.class, () -> p.ask("Name the item:", null));
    assertEquals(Cancelled.EXIT_CODE, c.exitCode());
    assertEquals("cancelled; nothing was changed", c.getMessage());
  }

  @Test
  void without_a_terminal_nothing_is_asked_and_the_error_says_what_to_pass() throws IOException {
    TtyPrompter p = typed("y\n", "KEYSHELL_NO_TTY", "1");
    assertFalse(p.interactive());
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> p.ask("Rotate the key? (y/N)", "n"));
    assertEquals("no terminal to ask: Rotate the key? (y/N)", e.getMessage());
    assertTrue(e.hint().contains("--help"), e.hint());
    assertEquals("y\n", screen(), "nothing written to the terminal");
  }

  @Test
  void yes_or_no_is_asked_again_until_it_is_one_of_them() throws IOException {
    TtyPrompter p = typed("maybe\nYes\n\n");
    assertTrue(p.confirm("Add it to ~/.bashrc now?", false));
    assertTrue(p.confirm("Add an MFA device?", true), "empty: the default");
    assertTrue(screen().contains("? Add it to ~/.bashrc now? (y/N) "), screen());
    assertTrue(screen().contains("  Please answer y or n.\n"), screen());
  }

  @Test
  void a_plain_terminal_gets_a_numbered_menu_answered_by_number_or_words() throws IOException {
    TtyPrompter p = typed("3\nglob\n\n", "TERM", "dumb");
    List<String> scopes = List.of("session (recommended)", "directory", "global");
    assertEquals(2, p.choose("Where?", scopes, 0));
    assertEquals(2, p.choose("Where?", scopes, 0), "words narrowing to one option choose it");
    assertEquals(1, p.choose("Where?", scopes, 1), "empty: the preselected option");
    assertTrue(screen().contains("   1) session (recommended)\n"), screen());
  }

  @Test
  void lines_go_to_stderr_until_a_question_opened_the_terminal() throws IOException {
    TtyPrompter p = typed("\n");
    p.say("keyshell: creating the local vault\u001b]0;title\u0007");
    p.ask("Name the item:", "x");
    p.say("keyshell: wrong passphrase, try again");
    String e = errBytes.toString(StandardCharsets.UTF_8);
    assertTrue(e.startsWith("keyshell: creating the local vault"), e);
    assertFalse(e.contains("\u001b"), "control characters are not written raw: " + e);
    assertFalse(e.contains("wrong passphrase"), e);
    assertTrue(screen().endsWith("keyshell: wrong passphrase, try again\n"), screen());
  }

  @Test
  void a_secret_is_never_read_where_typing_cannot_be_hidden() throws IOException {
    // A plain file has no echo to turn off: stty fails, and the secret is not read with echo on.
    TtyPrompter p = typed("hunter2hunter2\n");
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> p.askSecret("Passphrase of the vault:"));
    assertTrue(e.getMessage().startsWith("cannot use the terminal"), e.getMessage());
  }
}
