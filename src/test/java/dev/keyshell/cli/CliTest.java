package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.Main;
import dev.keyshell.core.Env;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree as a user meets it: exit codes, help, and one-line errors with a hint. */
class CliTest {
  @TempDir Path tmp;

  /** What one run printed; shown whole when an assertion fails. */
  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Run run(String... args) {
    Map<String, String> vars = new HashMap<>();
    vars.put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
    vars.put("KEYSHELL_NO_TTY", "1");
    Env env = new Env(vars, tmp.resolve("home"), tmp);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            env,
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void version_prints_to_stdout_and_exits_0() {
    Run r = run("--version");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("keyshell "), r.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plugin",
        "plugin init",
        "plugin run",
        "plugin list",
        "plugin inspect",
        "plugin clear",
        "plugin trust",
        "exec",
        "export",
        "lock",
        "sso",
        "sso login",
        "sso logout",
        "completion"
      })
  void every_command_has_help_that_fits_80_columns(String command) {
    String[] args = (command + " --help").split(" ");
    Run r = run(args);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("Usage: keyshell " + command), r.toString());
    for (String line : r.out().split("\n")) {
      assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
    }
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_a_hint() {
    Run r = run("export", "--frmat", "json");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().startsWith("keyshell: unknown option '--frmat'\n"), r.toString());
    assertTrue(r.err().contains("hint: did you mean --format?"), r.toString());
    assertTrue(r.err().contains("hint: see 'keyshell export --help'"), r.toString());
    assertEquals("", r.out());
  }

  @Test
  void a_mistyped_command_gets_a_suggestion() {
    Run r = run("plugin", "inti", "aws");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(
        "keyshell: unknown command 'inti'\nhint: did you mean init?\n"
            + "hint: see 'keyshell plugin --help'\n",
        r.err());
  }

  @Test
  void a_failure_is_one_line_and_a_hint_without_a_stack_trace() {
    Run r = run("export");
    assertEquals(1, r.exit(), r.toString());
    String[] lines = r.err().split("\n");
    assertEquals(2, lines.length, r.toString());
    assertEquals("keyshell: no AWS credential is set up for this terminal or directory", lines[0]);
    assertEquals("hint: run: keyshell plugin init aws", lines[1]);
    assertEquals("", r.out(), "nothing on stdout, which a credential_process caller would parse");
  }

  @Test
  void debug_adds_the_stack_trace() {
    Run r = run("--debug", "export");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("\tat dev.keyshell."), r.toString());
  }

  @Test
  void init_without_anything_to_import_and_no_terminal_is_a_usage_error() {
    Run r = run("plugin", "init", "aws", "--store", "local");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err().contains("pass --import-profile NAME, --import-env or --item REF"), r.toString());
  }

  @Test
  void plugin_run_without_a_command_is_a_usage_error() {
    Run r = run("plugin", "run", "--");
    assertEquals(2, r.exit(), r.toString());
    assertFalse(r.err().isEmpty());
  }

  @Test
  void plugin_list_names_the_aws_plugin_and_its_fields() {
    Run r = run("plugin", "list");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("aws"), r.toString());
    assertTrue(r.out().contains("Secret Access Key (secret)"), r.toString());
  }
}
