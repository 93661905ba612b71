package dev.keyshell.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeLocatorTest {
  private static final String S1 = "5e55105e55105e55105e5510"; // as plugins.sh makes them

  @TempDir Path tmp;

  private Env env(Path cwd, String session) {
    Map<String, String> vars = new HashMap<>();
    vars.put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
    if (session != null) {
      vars.put("KEYSHELL_SESSION", session);
    }
    return new Env(vars, tmp.resolve("home"), cwd);
  }

  private static CredentialRef ref(String item) {
    return CredentialRef.aws(new ItemRef(StoreKind.LOCAL, null, "v", item), item, "Private", null);
  }

  private Scope winner(Env env) {
    return new ScopeLocator(env, Dirs.of(env))
        .winner("aws")
        .map(ScopeLocator.Found::scope)
        .orElse(null);
  }

  @Test
  void session_beats_the_nearest_directory_which_beats_global() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("work/project/sub/deeper"));
    Env inDeeper = env(project, S1);
    Env inProject = env(tmp.resolve("work/project"), S1);

    new ScopeWriter(inDeeper, Dirs.of(inDeeper)).record(Scope.GLOBAL, ref("g"), null);
    assertEquals(Scope.GLOBAL, winner(inDeeper));

    new ScopeWriter(inProject, Dirs.of(inProject)).record(Scope.DIRECTORY, ref("d"), null);
    assertEquals(
        Scope.DIRECTORY, winner(inDeeper), "a parent directory's default applies below it");
    assertEquals(Scope.GLOBAL, winner(env(tmp.resolve("work"), S1)), "but not above it");

    new ScopeWriter(inDeeper, Dirs.of(inDeeper)).record(Scope.SESSION, ref("s"), null);
    assertEquals(Scope.SESSION, winner(inDeeper));
    assertEquals(Scope.DIRECTORY, winner(env(project, "0123456789abcdef01234567")));
  }

  @Test
  void a_directory_default_keyshell_did_not_write_is_ignored_until_trusted() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("cloned-repo"));
    Env env = env(repo, null);
    new ScopeWriter(env, Dirs.of(env)).record(Scope.GLOBAL, ref("g"), null);
    Path planted = ScopeLocator.directoryFile(repo, "aws");
    Files.createDirectories(planted.getParent());
    Files.write(planted, ScopeFile.render(List.of(ref("attacker"))));

    List<ScopeLocator.Found> all = new ScopeLocator(env, Dirs.of(env)).all("aws");
    assertFalse(all.get(0).trusted(), "found, but not trusted");
    assertEquals(Scope.GLOBAL, winner(env));

    new ScopeWriter(env, Dirs.of(env)).trustDirectory(repo);
    assertEquals(Scope.DIRECTORY, winner(env));

    Files.write(planted, ScopeFile.render(List.of(ref("changed-after-trust"))));
    assertEquals(Scope.GLOBAL, winner(env), "a change withdraws the trust");
  }

  @Test
  void a_second_root_profile_maps_to_its_own_item_beside_the_default() throws Exception {
    Env env = env(tmp, null);
    ScopeWriter w = new ScopeWriter(env, Dirs.of(env));
    assertTrue(w.record(Scope.GLOBAL, ref("first"), "default").isDefault());
    ScopeWriter.Written second = w.record(Scope.GLOBAL, ref("second"), "other-user");
    assertFalse(second.isDefault());
    List<CredentialRef> refs = ScopeFile.read(Dirs.of(env).globalScope("aws"));
    assertEquals(3, refs.size(), "default by name, the default, other-user by name");
    assertEquals(
        "second",
        refs.stream()
            .filter(r -> "other-user".equals(r.profile()))
            .findFirst()
            .orElseThrow()
            .item()
            .itemId());
  }

  @Test
  void a_later_import_never_drops_an_earlier_profiles_mapping() throws Exception {
    Env env = env(tmp, null);
    ScopeWriter w = new ScopeWriter(env, Dirs.of(env));
    ScopeWriter.Written bob = w.record(Scope.GLOBAL, ref("bob-item"), "bob");
    assertTrue(bob.isDefault(), "the first credential of a scope is also its default");
    ScopeWriter.Written alice = w.record(Scope.GLOBAL, ref("alice-item"), "default");
    assertTrue(alice.isDefault(), "importing [default] makes it the default");
    w.record(Scope.GLOBAL, ref("bob-item-2"), "bob");
    ScopeEntries entries = ScopeEntries.of(new ScopeLocator(env, Dirs.of(env)).all("aws"));
    assertEquals("bob-item-2", entries.forProfile("bob").orElseThrow().ref().item().itemId());
    assertEquals("alice-item", entries.forProfile("default").orElseThrow().ref().item().itemId());
    assertEquals("alice-item", entries.defaultEntry().orElseThrow().ref().item().itemId());
    assertEquals(List.of("bob", "default"), entries.mappedProfiles());
  }

  @Test
  void per_profile_entries_merge_across_scopes_and_the_nearest_wins_a_name() throws Exception {
    Env env = env(tmp, "0123456789abcdef01234567");
    ScopeWriter w = new ScopeWriter(env, Dirs.of(env));
    w.record(Scope.GLOBAL, ref("global-default"), null);
    w.record(Scope.GLOBAL, ref("global-personal"), "personal");
    w.record(Scope.GLOBAL, ref("global-shared"), "shared");
    w.record(Scope.SESSION, ref("session-ci"), null);
    w.record(Scope.SESSION, ref("session-shared"), "shared");
    ScopeEntries entries = ScopeEntries.of(new ScopeLocator(env, Dirs.of(env)).all("aws"));
    assertEquals(
        "global-personal", entries.forProfile("personal").orElseThrow().ref().item().itemId());
    assertEquals(
        "session-shared", entries.forProfile("shared").orElseThrow().ref().item().itemId());
    assertEquals("session-ci", entries.defaultEntry().orElseThrow().ref().item().itemId());
    assertEquals(Scope.SESSION, entries.defaultEntry().orElseThrow().from().scope());
  }

  @Test
  void scope_files_hold_references_only_and_are_private() throws Exception {
    Env env = env(tmp, S1);
    Path file = new ScopeWriter(env, Dirs.of(env)).record(Scope.SESSION, ref("abc"), null).file();

    JsonNode written = new ObjectMapper().readTree(file.toFile());
    JsonNode expected =
        new ObjectMapper()
            .readTree(
                "{\"credentials\": [{\"plugin\": \"aws\", \"credential_type\": \"access_key\","
                    + " \"store\": \"local\", \"vault_id\": \"v\", \"item_id\": \"abc\","
                    + " \"title\": \"abc\", \"vault\": \"Private\"}]}");
    assertEquals(expected, written, "the reference and its labels, nothing else");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    for (Path dir = file.getParent(); !dir.equals(tmp.resolve("run")); dir = dir.getParent()) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
          dir.toString());
    }
  }

  @Test
  void a_fifo_planted_as_a_directory_scope_is_passed_over_not_read_for_ever() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("work/planted"));
    Env env = env(project, S1);
    new ScopeWriter(env, Dirs.of(env)).record(Scope.GLOBAL, ref("g"), null);
    Path fifo = ScopeLocator.directoryFile(project, "aws");
    Files.createDirectories(fifo.getParent());
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());

    Scope won =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> winner(env), "it must not block");
    assertEquals(Scope.GLOBAL, won);
  }
}
