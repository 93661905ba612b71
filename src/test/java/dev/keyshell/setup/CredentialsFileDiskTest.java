package dev.keyshell.setup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load} and {@code removeKeys} against a real file. */
class CredentialsFileDiskTest {
  static final String FILE =
      "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n"
          + "[b]\ny = 2\n";

  @TempDir Path dir;

  private Path write(String content, String mode) throws IOException {
    Path file = dir.resolve("credentials");
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    return file;
  }

  @Test
  void removes_the_keys_on_disk_keeping_the_file_mode() throws IOException {
    Path file = write(FILE, "rw-r-----");
    CredentialsFile.load(file).removeKeys("dev");
    assertEquals("[b]\ny = 2\n", Files.readString(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(List.of(file), Files.list(dir).toList(), "no temp or lock file is left behind");
  }

  @Test
  void refuses_when_the_file_changed_since_it_was_loaded_and_keeps_that_change()
      throws IOException {
    Path file = write(FILE, "rw-------");
    CredentialsFile creds = CredentialsFile.load(file);
    String edited = FILE + "[c]\nz = 3\n";
    Files.writeString(file, edited);

    KeyshellException e = assertThrows(KeyshellException.class, () -> creds.removeKeys("dev"));

    assertTrue(e.getMessage().contains("changed since keyshell read it"), e.getMessage());
    assertEquals(edited, Files.readString(file));
  }

  @Test
  void refuses_when_the_file_was_deleted_since_it_was_loaded() throws IOException {
    Path file = write(FILE, "rw-------");
    CredentialsFile creds = CredentialsFile.load(file);
    Files.delete(file);
    KeyshellException e = assertThrows(KeyshellException.class, () -> creds.removeKeys("dev"));
    assertTrue(e.getMessage().contains("was removed"), e.getMessage());
    assertTrue(Files.notExists(file));
  }

  @Test
  void rewrites_the_target_of_a_symbolic_link_and_keeps_the_link() throws IOException {
    Path real = write(FILE, "rw-------");
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    CredentialsFile.load(link).removeKeys("dev");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("[b]\ny = 2\n", Files.readString(real));
  }

  @Test
  void leaves_the_file_untouched_when_there_is_nothing_to_remove() throws IOException {
    Path file = write("[b]\ny = 2\n", "rw-r--r--");
    long before = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis();
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(before - 60_000));
    CredentialsFile.load(file).removeKeys("b");
    assertEquals(before - 60_000, Files.getLastModifiedTime(file).toMillis());
  }

  @Test
  void expands_a_tilde_and_resolves_a_relative_path_from_the_working_directory() {
    Path home = Path.of("/home/u");
    Path cwd = Path.of("/work/project");
    assertEquals(
        Path.of("/home/u/keys/credentials"),
        CredentialsFile.location(
            new dev.keyshell.core.Env(
                java.util.Map.of("AWS_SHARED_CREDENTIALS_FILE", "~/keys/credentials"), home, cwd)));
    assertEquals(
        Path.of("/work/project/creds"),
        CredentialsFile.location(
            new dev.keyshell.core.Env(
                java.util.Map.of("AWS_SHARED_CREDENTIALS_FILE", "creds"), home, cwd)));
  }

  @Test
  void explains_a_missing_file_with_a_hint() {
    Path missing = dir.resolve("nope");
    KeyshellException e =
        assertThrows(KeyshellException.class, () -> CredentialsFile.load(missing));
    assertEquals("there is no AWS credentials file at " + missing, e.getMessage());
    assertTrue(e.hint().contains("AWS_SHARED_CREDENTIALS_FILE"), e.hint());
  }

  @Test
  void reads_bytes_that_are_not_utf8_and_writes_them_back_unchanged() throws IOException {
    Path file = dir.resolve("credentials");
    byte[] latin1 =
        "# Zo\u00eb\n[b]\ny = 2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] keys =
        "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n"
            .getBytes(UTF_8);
    byte[] all = new byte[latin1.length + keys.length];
    System.arraycopy(latin1, 0, all, 0, latin1.length);
    System.arraycopy(keys, 0, all, latin1.length, keys.length);
    Files.write(file, all);
    CredentialsFile.load(file).removeKeys("dev");
    org.junit.jupiter.api.Assertions.assertArrayEquals(latin1, Files.readAllBytes(file));
  }
}
