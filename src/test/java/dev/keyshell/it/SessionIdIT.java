package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KEYSHELL_SESSION} names a directory under the runtime dir (issue 11, finding 7): {@code
 * ../../tmp/evil} made inspect and exec use a planted session scope as trusted, init write outside
 * the runtime dir and clear delete there. Only the form plugins.sh makes is accepted now.
 */
class SessionIdIT {
  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;
  Path evil;
  byte[] planted;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    // The attacker's session scope, planted where the forged id leads.
    evil = Files.createDirectories(tmp.resolve("tmp/evil"));
    planted = Files.readAllBytes(box.configDir().resolve("plugins/aws.json"));
    Files.write(evil.resolve("aws.json"), planted);
    box.env.put("KEYSHELL_SESSION", "../".repeat(40) + evil.toString().substring(1));
  }

  @AfterEach
  void tearDown() {
    box.env.remove("KEYSHELL_SESSION");
    box.keyshell(null, "lock");
    sts.close();
  }

  private static void refused(Sandbox.Result r) {
    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith("keyshell: KEYSHELL_SESSION is not a session id that keyshell made"),
        r.toString());
    assertEquals(
        "hint: run: unset KEYSHELL_SESSION; a new terminal (or sourcing plugins.sh again) sets a"
            + " fresh one",
        lines.get(1));
  }

  @Test
  void inspect_exec_export_and_plugin_run_refuse_a_forged_session() {
    refused(box.keyshell(null, "plugin", "inspect"));
    refused(box.keyshell(null, "exec", "--", "true"));
    refused(box.keyshell(null, "export"));
    refused(box.keyshell(null, "plugin", "run", "--", "aws", "sts", "get-caller-identity"));
    assertEquals(List.of(), sts.calls(), "nothing minted");
  }

  @Test
  void init_with_the_session_scope_writes_nothing_outside_the_runtime_dir() throws Exception {
    Files.delete(evil.resolve("aws.json"));

    refused(
        box.keyshell(
            null,
            "plugin",
            "init",
            "aws",
            "--store",
            "local",
            "--item",
            "AWS default",
            "--scope",
            "session",
            "--yes"));

    assertFalse(Files.exists(evil.resolve("aws.json")));
  }

  @Test
  void clear_deletes_nothing_there() throws Exception {
    refused(box.keyshell(null, "plugin", "clear", "aws", "--force"));
    refused(box.keyshell(null, "plugin", "clear", "aws", "--all", "--force"));

    assertArrayEquals(planted, Files.readAllBytes(evil.resolve("aws.json")));
  }

  @Test
  void the_id_plugins_sh_makes_is_accepted() throws Exception {
    Sandbox.Result r =
        box.shell(
            "bash",
            "unset KEYSHELL_SESSION; source "
                + box.configDir().resolve("plugins.sh")
                + " && "
                + Sandbox.KEYSHELL
                + " plugin inspect");
    assertTrue(
        r.ok().out().contains("plugins.sh is sourced in this shell (session "), r.toString());
  }
}
