package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Env;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FishCompletionTest {

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Cli.execute(
            args,
            new Env(Map.of("KEYSHELL_NO_TTY", "1"), Path.of("/nonexistent"), Path.of("/")),
            InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void fish_completes_subcommands_in_place_and_the_options_of_each_command() {
    String fish = run("completion", "fish");
    assertTrue(fish.contains("complete -c keyshell -n '__fish_use_subcommand' -a plugin"), fish);
    assertTrue(
        fish.contains(
            "complete -c keyshell -n '__fish_seen_subcommand_from plugin; and not"
                + " __fish_seen_subcommand_from init run list inspect status clear trust' -a"
                + " init"),
        fish);
    assertTrue(
        fish.contains(
            "-n '__fish_seen_subcommand_from plugin; and __fish_seen_subcommand_from init'"
                + " -l import-profile -x -a '(__keyshell_profiles)'"),
        fish);
    assertTrue(fish.contains("-l add-to-rc -d"), fish);
  }

  @Test
  void zsh_gets_the_picocli_script_that_loads_bashcompinit_itself() {
    String zsh = run("completion", "zsh");
    assertTrue(zsh.contains("bashcompinit"), zsh);
    assertTrue(zsh.contains("init"), zsh);
  }
}
