package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keyshell's own directories and files, checked before use (issue 11, findings 1, 2 and 10). */
class PrivateDirsTest {
  @TempDir Path root;
  private final ByteArrayOutputStream said = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8);

  private Env env(String... pairs) {
    Map<String, String> vars = new java.util.HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put(pairs[i], pairs[i + 1]);
    }
    return new Env(vars, root.resolve("home"), root);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void creates_a_missing_runtime_dir_0700_and_accepts_it() throws Exception {
    Env env = env("XDG_RUNTIME_DIR", root.resolve("run").toString());
    Files.createDirectories(root.resolve("run"));
    Dirs dirs = Dirs.of(env);

    PrivateDirs.verify(dirs, env, err);

    assertEquals("rwx------", mode(dirs.runtime()));
    assertEquals("", said.toString(StandardCharsets.UTF_8));
  }

  @Test
  void a_loose_dir_of_ours_is_made_0700_and_says_so() throws Exception {
    Env env = env("XDG_RUNTIME_DIR", root.resolve("run").toString());
    Dirs dirs = Dirs.of(env);
    Files.createDirectories(dirs.cache());
    Files.setPosixFilePermissions(dirs.cache(), PosixFilePermissions.fromString("rwxrwxrwx"));

    PrivateDirs.verify(dirs, env, err);

    assertEquals("rwx------", mode(dirs.cache()));
    assertTrue(
        said.toString(StandardCharsets.UTF_8)
            .contains(dirs.cache() + " was open to others (rwxrwxrwx); made it 0700"));
  }

  @Test
  void without_a_stream_to_say_so_a_loose_dir_is_refused_with_chmod() throws Exception {
    Path agent = Files.createDirectories(root.resolve("agent"));
    Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-x---"));

    KeyshellException e = assertThrows(KeyshellException.class, () -> PrivateDirs.ensure(agent));

    assertEquals("run: chmod 700 '" + agent + "'", e.hint());
  }

  @Test
  void a_symlink_in_place_of_a_dir_is_refused() throws Exception {
    Path real = Files.createDirectories(root.resolve("elsewhere"));
    Files.createDirectories(root.resolve("run"));
    Files.createSymbolicLink(root.resolve("run/keyshell"), real);
    Env env = env("XDG_RUNTIME_DIR", root.resolve("run").toString());

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> PrivateDirs.verify(Dirs.of(env), env, err));

    assertTrue(e.getMessage().endsWith("is a symbolic link, not keyshell's own directory"));
  }

  @Test
  void the_fallback_runtime_dir_needs_a_sticky_parent_when_others_may_write_there()
      throws Exception {
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Env env = env("TMPDIR", tmp.toString());

    KeyshellException e =
        assertThrows(KeyshellException.class, () -> PrivateDirs.verify(Dirs.of(env), env, err));

    assertTrue(e.getMessage().contains("writable by others and not sticky"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("keyshell-" + Posix.uid())));
  }

  @Test
  void a_file_that_others_could_read_is_not_a_private_file_and_a_scope_file_is_made_0600()
      throws Exception {
    Path key = Files.write(root.resolve("cache.key"), new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertFalse(PrivateDirs.ownFile(key));
    assertFalse(PrivateDirs.ownFile(root.resolve("missing")));

    PrivateDirs.checkOwnFile(key);

    assertEquals("rw-------", mode(key));
    assertTrue(PrivateDirs.ownFile(key));
  }

  @Test
  void a_link_in_place_of_a_file_is_refused() throws Exception {
    Path target = Files.write(root.resolve("target"), new byte[32]);
    Path link = Files.createSymbolicLink(root.resolve("cache.key"), target);

    KeyshellException e = assertThrows(KeyshellException.class, () -> PrivateDirs.ownFile(link));

    assertEquals("remove it: rm -f '" + link + "'", e.hint());
  }
}
