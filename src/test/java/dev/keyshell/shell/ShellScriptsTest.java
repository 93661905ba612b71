package dev.keyshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellScriptsTest {
  private final Env env =
      new Env(Map.of("SHELL", "/usr/bin/zsh"), Path.of("/home/me"), Path.of("/"));
  private final ShellScripts scripts =
      new ShellScripts(Dirs.of(env), Path.of("/opt/key shell/bin/keyshell"));

  @Test
  void plugins_sh_defines_a_function_calling_keyshell_by_quoted_absolute_path() {
    String sh = scripts.renderSh();
    assertTrue(
        sh.contains("aws() { '/opt/key shell/bin/keyshell' plugin run -- aws \"$@\"; }"), sh);
    assertTrue(sh.contains("export KEYSHELL_PLUGINS_SOURCED=1"), sh);
    assertTrue(sh.contains("export KEYSHELL_SESSION="), sh);
  }

  @Test
  void plugins_fish_wraps_aws() {
    String fish = scripts.renderFish();
    assertTrue(fish.contains("function aws --wraps aws"), fish);
    assertTrue(fish.contains("'/opt/key shell/bin/keyshell' plugin run -- aws $argv"), fish);
  }

  @Test
  void the_rc_line_matches_the_users_shell() {
    ShellScripts.RcLine rc = scripts.rcLine(env);
    assertEquals(Path.of("/home/me/.zshrc"), rc.rcFile());
    assertEquals("source '/home/me/.config/keyshell/plugins.sh'", rc.line());
    Env fish = new Env(Map.of("SHELL", "/usr/bin/fish"), Path.of("/home/me"), Path.of("/"));
    assertEquals("source '/home/me/.config/keyshell/plugins.fish'", scripts.rcLine(fish).line());
  }

  @Test
  void quoting_survives_single_quotes() {
    assertEquals("'it'\\''s'", ShellScripts.shQuote("it's"));
    assertEquals("'it\\'s'", ShellScripts.fishQuote("it's"));
  }
}
