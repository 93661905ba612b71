package dev.keyshell.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aws-vault's file backend, the fixture written at test time by a real JOSE implementation
 * (Debian's python3-jwcrypto) as 99designs/keyring writes it: PBES2-HS256+A128KW, A256GCM, over a
 * keyring item whose Data is aws-vault's credentials JSON.
 */
class AwsVaultKeysTest {
  private static final String PASSPHRASE = "aws-vault file passphrase";
  private static final String ID = "AKIAIOSFODNN7EXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  @TempDir Path dir;

  private void write(String profile, String sessionToken) throws Exception {
    AwsVaultFixture.write(dir.resolve(profile), PASSPHRASE, ID, SECRET, sessionToken);
  }

  @BeforeEach
  void fixture() throws Exception {
    write("work", "");
  }

  @Test
  void decrypts_the_long_lived_key_of_a_profile() throws Exception {
    assertTrue(Files.readString(dir.resolve("work")).startsWith("eyJ"), "a compact JWE");
    ImportedKeys keys = new AwsVaultKeys(dir).read("work", PASSPHRASE.toCharArray());
    assertEquals(ID, keys.accessKeyId());
    assertEquals(SECRET, keys.secretAccessKey());
  }

  @Test
  void a_wrong_passphrase_is_one_line_without_either_passphrase() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () -> new AwsVaultKeys(dir).read("work", "not it at all".toCharArray()));
    assertTrue(
        e.getMessage().startsWith("wrong passphrase for aws-vault's file backend"), e.getMessage());
    assertFalse(e.getMessage().contains("not it"));
  }

  @Test
  void a_missing_profile_and_a_session_are_refused() throws Exception {
    KeyshellException missing =
        assertThrows(
            KeyshellException.class,
            () -> new AwsVaultKeys(dir).read("other", PASSPHRASE.toCharArray()));
    assertTrue(missing.getMessage().contains("no key for profile 'other'"), missing.getMessage());
    write("temp", "FwoGZXIvYXdzEXAMPLE");
    KeyshellException session =
        assertThrows(
            KeyshellException.class,
            () -> new AwsVaultKeys(dir).read("temp", PASSPHRASE.toCharArray()));
    assertTrue(session.getMessage().contains("temporary credentials"), session.getMessage());
  }
}
