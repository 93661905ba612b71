package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up under keyshell: a small tmpfs (root may mount one; CI runs as root) holds
 * the vault and the config. Every write fails with one line, and what was there stays intact.
 */
class FullDiskIT {
  static final String CREDS =
      "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n"
          + "[other]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = x\n";

  @TempDir Path tmp;
  Path disk;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    disk = Files.createDirectories(tmp.resolve("disk"));
    box = new Sandbox(tmp.resolve("user"));
    Sandbox.Result mount =
        box.run(List.of("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()), null);
    assumeTrue(mount.exit() == 0, "needs root to mount a small tmpfs: " + mount);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("XDG_DATA_HOME", disk.resolve("data").toString());
    box.env.put("KEYSHELL_CONFIG_DIR", disk.resolve("config").toString());
    box.credentials(CREDS);
  }

  @AfterEach
  void tearDown() {
    box.run(List.of("umount", disk.toString()), null);
  }

  private Sandbox.Result init(String profile) {
    return Users.importProfile(
        box, null, "local", profile, "--scope", "global", "--remove-plaintext");
  }

  @Test
  void a_full_disk_is_one_line_and_loses_nothing() throws Exception {
    init("default").ok();
    Path vault = disk.resolve("data/keyshell/vault.ksv");
    byte[] before = Files.readAllBytes(vault);
    String credsBefore = Files.readString(box.home.resolve(".aws/credentials"));
    box.run(
        List.of("sh", "-c", "head -c 200000 /dev/zero > '" + disk.resolve("filler") + "'"), null);

    Sandbox.Result r = init("other");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("No space left on device"), r.toString());
    assertTrue(r.err().contains("\nhint: "), r.toString());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r);
    assertArrayEquals(before, Files.readAllBytes(vault), "the vault is as it was");
    assertEquals(credsBefore, Files.readString(box.home.resolve(".aws/credentials")));
    try (var files = Files.list(vault.getParent())) {
      assertEquals(
          List.of("vault.ksv", "vault.ksv.lock"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left behind");
    }
  }
}
