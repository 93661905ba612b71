package dev.keyshell.entry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Env;
import dev.keyshell.proc.ChildRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run agent's reading of /proc and its answers; RunAgentIT runs it through the launcher. */
class RunAgentTest {
  @TempDir Path tmp;

  private static byte[] nul(String s) {
    return s.replace('|', '\0').getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void reads_cmdline_words_and_the_environment() {
    assertEquals(List.of("sh", "a b", "", "x"), RunAgent.words(nul("sh|a b||x|")));
    assertEquals(Map.of("A", "1=2", "B", ""), RunAgent.environ(nul("A=1=2|B=|")));
  }

  @Test
  void an_environment_it_cannot_read_as_the_jvm_would_is_left_to_the_jvm() {
    assertNull(RunAgent.environ(nul("A=1|A=2|")), "a name twice");
    assertNull(RunAgent.environ(nul("A=1|junk|")), "an entry with no '='");
  }

  @Test
  void only_names_sh_can_unset_or_export_are_said() {
    assertTrue(RunAgent.shellName("OP_SESSION_my_team2"));
    for (String bad : List.of("", "2X", "OP_SESSION_my-team", "a.b", "x y")) {
      assertFalse(RunAgent.shellName(bad), bad);
    }
  }

  @Test
  void the_java_options_are_moved_aside_as_the_launcher_does_and_given_back_to_the_child() {
    Map<String, String> vars = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", "-Dx", "PATH", "/bin"));
    ChildRunner.saveJavaOptions(vars);
    assertEquals(Map.of("KEYSHELL_SAVED_JAVA_TOOL_OPTIONS", "-Dx", "PATH", "/bin"), vars);
    ChildRunner.restoreJavaOptions(vars);
    assertEquals(Map.of("JAVA_TOOL_OPTIONS", "-Dx", "PATH", "/bin"), vars);
  }

  @Test
  void help_debug_and_commands_no_plugin_wraps_are_the_jvms() {
    Env env = new Env(Map.of("HOME", tmp.toString()), tmp, tmp);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertNull(FastRun.served(new String[] {"plugin", "run", "--help"}, env, err));
    assertNull(FastRun.served(new String[] {"plugin", "run", "--debug", "--", "aws"}, env, err));
    assertNull(FastRun.served(new String[] {"plugin", "run", "--", "ls"}, env, err));
    Env debug = new Env(Map.of("HOME", tmp.toString(), "KEYSHELL_DEBUG", "1"), tmp, tmp);
    assertNull(
        FastRun.served(new String[] {"plugin", "run", "--", "aws", "--version"}, debug, err));
  }

  @Test
  void a_command_that_needs_no_credentials_runs_without_keyshells_secrets() {
    Env env =
        new Env(
            Map.of("HOME", tmp.toString(), "KEYSHELL_VAULT_PASSPHRASE", "s3cret", "PATH", "/bin"),
            tmp,
            tmp);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    FastRun.Launch l =
        FastRun.served(new String[] {"plugin", "run", "--", "aws", "--version"}, env, err);
    assertNotNull(l);
    assertEquals(List.of("aws", "--version"), l.argv);
    assertEquals(Map.of("HOME", tmp.toString(), "PATH", "/bin"), l.env);
  }

  @Test
  void a_process_that_is_not_plugin_run_gets_a_miss() throws Exception {
    RunAgent agent = new RunAgent(tmp, tmp.toString());
    assertEquals(RunAgent.MISS, agent.decide(ProcessHandle.current().pid(), 1));
    assertEquals(RunAgent.MISS, agent.decide(ProcessHandle.current().pid(), 100_000));
  }

  @Test
  void a_malformed_request_or_a_reply_path_that_is_no_fifo_of_ours_gets_nothing() throws Exception {
    RunAgent agent = new RunAgent(tmp, tmp.toString());
    Path plain = Files.writeString(tmp.resolve("r.1"), "");
    agent.answer("run 1 3");
    assertEquals("", Files.readString(plain), "a regular file is not written to");
    for (String bad : List.of("run", "run x 1", "run 1 1 1", "run -1 2", "get 1 2")) {
      agent.answer(bad);
    }
    assertEquals(List.of(plain), Files.list(tmp).toList());
  }
}
