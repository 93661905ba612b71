package dev.keyshell.vault;

import static dev.keyshell.vault.TestVaults.PASSPHRASE;
import static dev.keyshell.vault.TestVaults.SECRET;
import static dev.keyshell.vault.TestVaults.awsFields;
import static dev.keyshell.vault.TestVaults.unattended;
import static dev.keyshell.vault.TestVaults.vaultFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.ItemRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Any change to the vault file is refused as damage, never read as garbage or a wrong key. */
class VaultTamperTest {
  /** Offsets in a vault with a 16-byte salt (header 78 bytes, then nonce, then ciphertext). */
  @ParameterizedTest(name = "{0} (offset {1})")
  @CsvSource({
    "magic, 0",
    "version, 7",
    "kdf id, 8",
    "iterations high byte, 9",
    "iterations low byte, 12",
    "salt length, 13",
    "salt, 14",
    "key check, 40",
    "header checksum, 70",
    "nonce, 78",
    "ciphertext start, 90",
    "ciphertext middle, -60",
    "tag last byte, -1",
  })
  void refuses_a_vault_with_a_flipped_byte(String where, int offset, @TempDir Path root)
      throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    byte[] file = Files.readAllBytes(vaultFile(root));
    int at = offset < 0 ? file.length + offset : offset;
    for (int bit : new int[] {0x01, 0x80}) {
      byte[] tampered = file.clone();
      tampered[at] ^= (byte) bit;
      Files.write(vaultFile(root), tampered);

      KeyshellException e =
          assertThrows(KeyshellException.class, () -> unattended(root).read(ref), where);

      assertTrue(e.getMessage().contains("vault file is damaged or was modified"), e.getMessage());
      assertTrue(e.hint().contains("backup"));
      assertFalse(e.getMessage().contains(PASSPHRASE) || e.getMessage().contains(SECRET));
    }
  }

  @Test
  void refuses_a_truncated_or_extended_vault(@TempDir Path root) throws Exception {
    ItemRef ref = unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    byte[] file = Files.readAllBytes(vaultFile(root));

    for (byte[] changed :
        new byte[][] {
          Arrays.copyOf(file, file.length - 1),
          Arrays.copyOf(file, 80),
          Arrays.copyOf(file, 10),
          new byte[0],
          Arrays.copyOf(file, file.length + 1),
        }) {
      Files.write(vaultFile(root), changed);
      KeyshellException e = assertThrows(KeyshellException.class, () -> unattended(root).read(ref));
      assertTrue(e.getMessage().contains("damaged or was modified"), e.getMessage());
    }
  }

  @Test
  void the_header_layout_is_what_the_offsets_above_assume(@TempDir Path root) throws Exception {
    unattended(root).create("work", null, awsFields("AKIAIOSFODNN7EXAMPLE"));
    VaultHeader header =
        VaultHeader.parse(Files.readAllBytes(vaultFile(root)), 1, Integer.MAX_VALUE);

    assertEquals(78, header.length());
    assertEquals(TestVaults.ITERATIONS, header.iterations());
  }
}
