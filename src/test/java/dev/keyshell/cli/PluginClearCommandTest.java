package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.ScopeWriter;
import dev.keyshell.testing.CommandHarness;
import dev.keyshell.testing.CommandHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell plugin clear aws}: which default goes, and what it never touches. */
class PluginClearCommandTest {
  @TempDir Path tmp;
  private CommandHarness keyshell;
  private Path project;

  @BeforeEach
  void setUp() throws Exception {
    project = Files.createDirectories(tmp.resolve("home/project"));
    keyshell =
        new CommandHarness(tmp).set("KEYSHELL_SESSION", "0123456789abcdef01234567").in(project);
  }

  private Path record(Scope scope, String item) throws Exception {
    CredentialRef ref =
        CredentialRef.aws(new ItemRef(StoreKind.LOCAL, null, "v", item), item, "Private", null);
    return new ScopeWriter(keyshell.env(), keyshell.dirs()).record(scope, ref, null).file();
  }

  private Scope inUse() {
    return new ScopeLocator(keyshell.env(), keyshell.dirs())
        .winner("aws")
        .map(ScopeLocator.Found::scope)
        .orElse(null);
  }

  @Test
  void removes_the_session_default_then_the_directory_one_then_the_global_one() throws Exception {
    Path global = record(Scope.GLOBAL, "g");
    Path directory = record(Scope.DIRECTORY, "d");
    Path session = record(Scope.SESSION, "s");

    Run r = keyshell.run("plugin", "clear", "aws", "--force").ok();
    assertEquals("keyshell: removed the session default (" + session + ")\n", r.err(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertFalse(Files.exists(session));
    assertEquals(Scope.DIRECTORY, inUse());

    r = keyshell.run("plugin", "clear", "aws", "--force").ok();
    assertEquals(
        "keyshell: removed the directory default (" + directory + ")\n", r.err(), r::toString);
    assertEquals(Scope.GLOBAL, inUse());

    r = keyshell.run("plugin", "clear", "aws", "--force").ok();
    assertEquals("keyshell: removed the global default (" + global + ")\n", r.err(), r::toString);
    assertEquals(null, inUse());

    r = keyshell.run("plugin", "clear", "aws", "--force").ok();
    assertEquals(
        "keyshell: no aws default is configured here; nothing to clear\n", r.err(), r::toString);
  }

  @Test
  void all_removes_every_scope_and_the_directory_trust_with_it() throws Exception {
    Path global = record(Scope.GLOBAL, "g");
    Path directory = record(Scope.DIRECTORY, "d");
    Path session = record(Scope.SESSION, "s");
    byte[] directoryBytes = Files.readAllBytes(directory);

    Run r = keyshell.run("plugin", "clear", "aws", "--all", "--force").ok();
    assertEquals(3, r.err().lines().count(), r::toString);
    for (Path p : List.of(session, directory, global)) {
      assertFalse(Files.exists(p), p + "\n" + r);
      assertTrue(r.err().contains("(" + p + ")"), r::toString);
    }

    // The same bytes written back by someone else are not trusted: clear forgot the trust.
    Files.write(directory, directoryBytes);
    assertFalse(new ScopeLocator(keyshell.env(), keyshell.dirs()).all("aws").get(0).trusted());
  }

  @Test
  void without_force_and_without_a_terminal_nothing_is_removed() throws Exception {
    Path global = record(Scope.GLOBAL, "g");
    byte[] before = Files.readAllBytes(global);

    Run r = keyshell.run("plugin", "clear", "aws").exits(2);
    assertEquals(
        "keyshell: clear asks for confirmation, and there is no terminal\nhint: pass --force\n",
        r.err(),
        r::toString);
    assertArrayEquals(before, Files.readAllBytes(global));
  }

  @Test
  void a_directory_default_keyshell_did_not_write_is_left_alone() throws Exception {
    Path global = record(Scope.GLOBAL, "g");
    Path planted = ScopeLocator.directoryFile(project, "aws");
    Files.createDirectories(planted.getParent());
    byte[] plantedBytes =
        ScopeFile.render(
            List.of(
                CredentialRef.aws(
                    new ItemRef(StoreKind.LOCAL, null, "v", "theirs"), "theirs", "Private", null)));
    Files.write(planted, plantedBytes);

    Run r = keyshell.run("plugin", "clear", "aws", "--force").ok();
    assertEquals("keyshell: removed the global default (" + global + ")\n", r.err(), r::toString);
    assertFalse(Files.exists(global));
    assertArrayEquals(plantedBytes, Files.readAllBytes(planted), "a file of the repository");
  }

  @Test
  void an_unknown_plugin_is_a_usage_error() {
    Run r = keyshell.run("plugin", "clear", "gcp", "--force").exits(2);
    assertEquals(
        "keyshell: unknown plugin 'gcp'\nhint: the plugins are: aws (keyshell plugin list)\n",
        r.err(),
        r::toString);
  }
}
