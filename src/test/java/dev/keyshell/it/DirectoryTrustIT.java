package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory defaults that keyshell did not write (issue 11, findings 3, 4 and 10): a crafted path
 * cannot trust another directory, the trust hint is safe to paste into bash, zsh and fish, and
 * every command that provisions says when it ignores one.
 */
class DirectoryTrustIT {
  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;
  byte[] scope;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    // Any valid scope file does: the attacker's would name an item of theirs.
    scope = Files.readAllBytes(box.configDir().resolve("plugins/aws.json"));
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  private Path plant(Path dir) throws Exception {
    Path file = Files.createDirectories(dir.resolve(".keyshell/plugins")).resolve("aws.json");
    Files.write(file, scope);
    return dir;
  }

  private Sandbox.Result in(Path dir, String command) {
    box.env.put("DIR", dir.toString());
    return box.shell("bash", "cd \"$DIR\" && " + Sandbox.KEYSHELL + " " + command);
  }

  private static String encoded(Path dir) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((dir + "/.keyshell/plugins/aws.json").getBytes());
  }

  @Test
  void a_newline_in_the_trusted_path_cannot_trust_the_attackers_directory() throws Exception {
    Path evil = plant(tmp.resolve("evil"));
    // keyshell plugin trust "$HOME/x"$'\n'"<sha> /tmp/evil": the path's tail is a line of its own
    Path crafted = plant(Path.of(box.home + "/x\n" + Hostile.sha256(scope) + " " + evil));
    box.env.put("CRAFTED", crafted.toString());

    Sandbox.Result trust = box.shell("bash", Sandbox.KEYSHELL + " plugin trust \"$CRAFTED\"");

    assertEquals(1, trust.exit(), trust.toString());
    assertTrue(trust.err().contains("its path holds control characters"), trust.toString());
    Hostile.assertNoRawControls(trust.err());
    Path file = box.configDir().resolve("trusted-directories");
    assertFalse(Files.exists(file) && Files.readString(file).contains(encoded(evil)));
    Sandbox.Result inspect = in(evil, "plugin inspect").ok();
    assertTrue(inspect.out().contains("[ignored: not trusted"), inspect.toString());
  }

  @Test
  void an_injected_line_in_a_first_format_file_trusts_nothing() throws Exception {
    Path evil = plant(tmp.resolve("evil"));
    Files.writeString(
        box.configDir().resolve("trusted-directories"),
        Hostile.sha256("{}")
            + " "
            + box.home
            + "/x\n"
            + Hostile.sha256(scope)
            + " "
            + evil
            + "/.keyshell/plugins/aws.json\n");

    Sandbox.Result inspect = in(evil, "plugin inspect").ok();

    assertTrue(inspect.out().contains("[ignored: not trusted"), inspect.toString());
    Sandbox.Result retrust = in(evil, "plugin trust").ok();
    assertTrue(retrust.err().startsWith("keyshell: trusted "), retrust.toString());
    String after = in(evil, "plugin inspect").ok().out();
    assertFalse(after.contains("[ignored"), after);
    assertTrue(after.contains("from the directory scope"), after);
  }

  @Test
  void the_trust_hint_pasted_into_bash_zsh_and_fish_trusts_the_directory_and_runs_nothing()
      throws Exception {
    Path clone = plant(tmp.resolve("clones").resolve("x'; touch ~/PWNED; echo '"));

    Sandbox.Result exec = in(clone, "exec -- true").ok();

    List<String> hint =
        exec.err().lines().filter(l -> l.startsWith("hint: if you trust it, run: ")).toList();
    assertEquals(1, hint.size(), exec.toString());
    String pasted = hint.get(0).substring("hint: if you trust it, run: ".length());
    box.env.put("PATH", Sandbox.KEYSHELL.getParent() + ":" + Sandbox.PATH);
    for (String shell : List.of("bash", "zsh", "fish")) {
      Sandbox.Result r = box.shell(shell, pasted);
      assertEquals(0, r.exit(), shell + " ran " + pasted + ": " + r);
      assertFalse(Files.exists(box.home.resolve("PWNED")), shell + " ran the directory's command");
    }
    Sandbox.Result after = in(clone, "exec -- true").ok();
    assertFalse(after.err().contains("ignoring"), "trusted now: " + after);
  }

  @Test
  void exec_and_export_warn_about_an_ignored_directory_default_as_plugin_run_does()
      throws Exception {
    Path clone = plant(tmp.resolve("clone"));
    box.keyshell(null, "export").ok(); // warm: export's fast path must warn too

    for (String command : List.of("exec -- true", "export", "export --format json")) {
      Sandbox.Result r = in(clone, command).ok();
      List<String> lines = r.err().lines().toList();
      assertEquals(2, lines.size(), command + ": " + r);
      assertEquals(
          "keyshell: ignoring "
              + clone
              + "/.keyshell/plugins/aws.json: it was not set up by keyshell on this machine (or"
              + " changed since)",
          lines.get(0),
          command);
      assertEquals(
          "hint: if you trust it, run: keyshell plugin trust '" + clone + "'", lines.get(1));
    }
  }
}
