package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.testing.CommandHarness;
import dev.keyshell.testing.CommandHarness.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command tree as a user meets it: exit codes, help, and one-line errors with a hint. */
class CliTest {
  @TempDir Path tmp;

  private Run run(String... args) {
    return new CommandHarness(tmp).run(args);
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
    assertEquals(
        "hint: run: keyshell plugin init aws (in a terminal; see --help for the flags that script"
            + " it)",
        lines[1]);
    assertEquals("", r.out(), "nothing on stdout, which a credential_process caller would parse");
  }

  @Test
  void debug_adds_the_stack_trace() {
    Run r = run("--debug", "export");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("\tat dev.keyshell."), r.toString());
  }

  @Test
  void keyshell_debug_adds_the_stack_trace_on_the_picocli_path() {
    Run r = new CommandHarness(tmp).set("KEYSHELL_DEBUG", "1").run("export");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().startsWith("keyshell: no AWS credential is set up"), r.toString());
    assertTrue(r.err().contains("\tat dev.keyshell."), r.toString());
  }

  /** Both switches on plugin run's fast path and on picocli's (keyshell --debug plugin run). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plugin run -- nope",
        "plugin run --debug -- nope",
        "--debug plugin run -- nope",
        "plugin --debug run -- nope",
        "KEYSHELL_DEBUG plugin run -- nope"
      })
  void plugin_run_reports_like_every_command_and_honours_both_debug_switches(String line) {
    CommandHarness harness = new CommandHarness(tmp);
    if (line.startsWith("KEYSHELL_DEBUG ")) {
      harness.set("KEYSHELL_DEBUG", "1");
      line = line.substring("KEYSHELL_DEBUG ".length());
    }
    Run r = harness.run(line.split(" "));
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().startsWith("keyshell: no plugin wraps 'nope'\nhint: "), r.toString());
    boolean debug =
        !line.equals("plugin run -- nope") || harness.env().get("KEYSHELL_DEBUG").isPresent();
    assertEquals(debug, r.err().contains("\tat dev.keyshell."), r.toString());
    assertEquals("", r.out(), r.toString());
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
    Run r = run("plugin", "run", "--").exits(2);
    assertEquals(
        "keyshell: plugin run needs a command\n"
            + "hint: keyshell plugin run -- aws sts get-caller-identity\n",
        r.err(),
        r.toString());
    assertEquals("", r.out(), r.toString());
  }

  @Test
  void plugin_list_names_the_aws_plugin_and_its_fields() {
    Run r = run("plugin", "list");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("aws"), r.toString());
    assertTrue(r.out().contains("Secret Access Key (secret)"), r.toString());
  }
}
