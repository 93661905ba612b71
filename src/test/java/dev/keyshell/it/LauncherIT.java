package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/keyshell runs the built jar from any directory, also through a symlink on PATH. */
class LauncherIT {
  @TempDir Path tmp;

  @Test
  void runs_from_another_directory_and_through_a_symlink() throws Exception {
    Sandbox box = new Sandbox(tmp);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("keyshell"), Sandbox.KEYSHELL);
    box.env.put("PATH", bin + ":" + Sandbox.PATH);
    Sandbox.Result r = box.shell("bash", "cd / && keyshell --version").ok();
    assertTrue(r.out().startsWith("keyshell "), r.toString());
  }

  @Test
  void plugins_sh_defines_a_function_not_an_alias_in_bash_and_zsh() throws Exception {
    Sandbox box = new Sandbox(tmp);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.credentials(
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n");
    Users.importProfile(box, null, "local", "default", "--scope", "global").ok();
    String sh = box.configDir().resolve("plugins.sh").toString();
    assertEquals("function\n", box.shell("bash", "source " + sh + " && type -t aws").ok().out());
    assertTrue(
        box.shell("zsh", "source " + sh + " && whence -w aws").ok().out().contains("function"));
    assertEquals(
        "yes\n",
        box.shell("bash", "source " + sh + " && bash -c '[ -n \"$KEYSHELL_SESSION\" ] && echo yes'")
            .ok()
            .out(),
        "subshells inherit the session id");
    String fish = box.configDir().resolve("plugins.fish").toString();
    assertTrue(
        box.shell("fish", "source " + fish + "; and functions -q aws; and echo defined")
            .ok()
            .out()
            .contains("defined"));
  }
}
