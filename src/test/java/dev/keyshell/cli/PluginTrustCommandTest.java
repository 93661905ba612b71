package dev.keyshell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.testing.CommandHarness;
import dev.keyshell.testing.CommandHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell plugin trust [DIR]}: a directory default that came with a cloned repository. */
class PluginTrustCommandTest {
  @TempDir Path tmp;
  private CommandHarness keyshell;
  private Path repo;
  private Path planted;

  @BeforeEach
  void setUp() throws Exception {
    repo = Files.createDirectories(tmp.resolve("home/cloned-repo"));
    keyshell = new CommandHarness(tmp).in(repo);
    planted = ScopeLocator.directoryFile(repo, "aws");
    Files.createDirectories(planted.getParent());
    plant("theirs");
  }

  private void plant(String item) throws Exception {
    Files.write(
        planted,
        ScopeFile.render(
            List.of(
                CredentialRef.aws(
                    new ItemRef(StoreKind.LOCAL, null, "v", item), item, "Private", null))));
  }

  private boolean trusted(Path cwd) {
    return new ScopeLocator(keyshell.env().withCwd(cwd), keyshell.dirs()).winner("aws").isPresent();
  }

  @Test
  void trusts_the_current_directorys_default_as_it_is_now() throws Exception {
    assertFalse(trusted(repo), "a file keyshell did not write is ignored");

    Run r = keyshell.run("plugin", "trust").ok();
    assertEquals("keyshell: trusted " + planted + "\n", r.err(), r::toString);
    assertEquals("", r.out(), r::toString);
    assertTrue(trusted(repo));
    Path sub = Files.createDirectories(repo.resolve("src/deep"));
    assertTrue(trusted(sub), "and below it");

    plant("changed-after-trust");
    assertFalse(trusted(repo), "a change withdraws the trust");
  }

  @Test
  void trusts_a_directory_named_relative_to_the_current_one() throws Exception {
    Run r = keyshell.in(repo.getParent()).run("plugin", "trust", "cloned-repo").ok();
    assertEquals("keyshell: trusted " + planted + "\n", r.err(), r::toString);
    assertTrue(trusted(repo));
  }

  @Test
  void a_directory_without_a_default_is_an_error_naming_the_file() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("home/empty"));
    Run r = keyshell.run("plugin", "trust", empty.toString()).exits(1);
    assertEquals(
        "keyshell: there is no keyshell directory default in "
            + empty
            + "\nhint: expected the file "
            + ScopeLocator.directoryFile(empty, "aws")
            + "\n",
        r.err(),
        r::toString);
  }

  @Test
  void a_default_that_does_not_parse_is_refused_and_stays_untrusted() throws Exception {
    Files.writeString(planted, "{\"credentials\": [ not json");
    Run r = keyshell.run("plugin", "trust").exits(1);
    assertTrue(r.err().startsWith("keyshell: "), r::toString);
    assertEquals(2, r.err().lines().count(), r::toString);
    assertFalse(trusted(repo));
  }
}
