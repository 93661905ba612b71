package dev.keyshell.vault;

import static dev.keyshell.vault.TestVaults.awsFields;
import static dev.keyshell.vault.TestVaults.unattended;
import static dev.keyshell.vault.TestVaults.vaultFile;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.ItemRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The vault as a file: permissions, crash leftovers, the production KDF floor. */
class VaultFilesTest {
  @TempDir Path root;

  @Test
  void creates_the_vault_0600_in_a_0700_directory() throws Exception {
    unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(vaultFile(root))));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(vaultFile(root).getParent())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-rw----", "rw----rw-"})
  void refuses_a_vault_others_can_reach(String mode) throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    Files.setPosixFilePermissions(vaultFile(root), PosixFilePermissions.fromString(mode));

    KeyshellException e = assertThrows(KeyshellException.class, () -> unattended(root).read(ref));

    assertTrue(e.getMessage().contains("readable or writable by others"), e.getMessage());
    assertEquals("run: chmod 600 '" + vaultFile(root) + "'", e.hint());
  }

  @Test
  void refuses_a_vault_directory_others_can_reach() throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    Files.setPosixFilePermissions(
        vaultFile(root).getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

    KeyshellException read =
        assertThrows(KeyshellException.class, () -> unattended(root).read(ref));
    KeyshellException write =
        assertThrows(
            KeyshellException.class,
            () -> unattended(root).create("x", null, awsFields("AKIAI44QH8DHBEXAMPLE")));

    assertTrue(read.hint().startsWith("run: chmod 700"));
    assertTrue(write.hint().startsWith("run: chmod 700"));
  }

  @Test
  void a_crash_between_write_and_rename_leaves_the_old_vault_readable() throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    byte[] before = Files.readAllBytes(vaultFile(root));
    // What SecureFiles.writeAtomically leaves when the process dies before its rename:
    // a half-written temp file beside the vault.
    Path leftover = vaultFile(root).resolveSibling(".vault.ksv.tmp-00c0ffee00c0ffee");
    Files.write(leftover, java.util.Arrays.copyOf(before, before.length / 2));

    assertEquals("work", unattended(root).read(ref).title());
    assertArrayEquals(before, Files.readAllBytes(vaultFile(root)));

    unattended(root).create("next", null, awsFields("AKIAI44QH8DHBEXAMPLE"));
    assertFalse(Files.exists(leftover), "the next writer, holding the lock, clears it");
    assertEquals(2, unattended(root).search("", null).size());
    try (Stream<Path> files = Files.list(vaultFile(root).getParent())) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
  }

  @Test
  void production_derives_the_key_with_at_least_600000_iterations() throws Exception {
    LocalVaultStore production =
        new LocalVaultStore(
            TestVaults.env(root, Passphrases.ENV, TestVaults.PASSPHRASE),
            TestVaults.dirs(root),
            ScriptedPrompter.noTerminal());

    production.create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));

    VaultHeader header =
        VaultHeader.parse(Files.readAllBytes(vaultFile(root)), 1, Integer.MAX_VALUE);
    assertTrue(header.iterations() >= 600_000, "iterations: " + header.iterations());
    assertEquals(16, header.salt().length);
  }

  @Test
  void production_refuses_a_vault_with_a_weakened_key_derivation() {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    LocalVaultStore production =
        new LocalVaultStore(
            TestVaults.env(root, Passphrases.ENV, TestVaults.PASSPHRASE),
            TestVaults.dirs(root),
            ScriptedPrompter.noTerminal());

    KeyshellException e = assertThrows(KeyshellException.class, () -> production.read(ref));

    assertTrue(e.getMessage().contains("damaged or was modified"), e.getMessage());
  }
}
