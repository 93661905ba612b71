package dev.keyshell.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache file's format is standard AES-256-GCM with the name as AAD: the JDK's own cipher opens
 * what SealedFile seals, and SealedFile opens what the JDK sealed (crypto/AesGcmTest checks the
 * cipher itself).
 */
class SealedFileTest {
  @TempDir Path dir;

  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (i * 7 + 1);
    }
  }

  @Test
  void what_it_seals_the_jdk_cipher_opens_with_the_name_as_aad() throws Exception {
    byte[] plain = "{\"AccessKeyId\":\"ASIAEXAMPLE\"}".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = SealedFile.seal(KEY, "entry1", plain);

    assertEquals("KSC1", new String(sealed, 0, 4, StandardCharsets.US_ASCII));
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(KEY, "AES"),
        new GCMParameterSpec(128, sealed, 4, 12));
    jdk.updateAAD("KSC1/entry1".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(plain, jdk.doFinal(sealed, 16, sealed.length - 16));
  }

  @Test
  void it_opens_what_the_jdk_cipher_sealed_and_nothing_else() throws Exception {
    byte[] plain = "a session".getBytes(StandardCharsets.UTF_8);
    byte[] nonce = HexFormat.of().parseHex("000102030405060708090a0b");
    Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
    jdk.updateAAD("KSC1/entry2".getBytes(StandardCharsets.UTF_8));
    byte[] ct = jdk.doFinal(plain);
    byte[] file = new byte[16 + ct.length];
    System.arraycopy("KSC1".getBytes(StandardCharsets.US_ASCII), 0, file, 0, 4);
    System.arraycopy(nonce, 0, file, 4, 12);
    System.arraycopy(ct, 0, file, 16, ct.length);

    Path entry = Files.write(dir.resolve("entry2"), file);
    assertArrayEquals(plain, SealedFile.open(KEY, entry).orElseThrow());

    Path renamed = Files.write(dir.resolve("entry3"), file);
    assertTrue(SealedFile.open(KEY, renamed).isEmpty(), "the name is authenticated");
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    assertTrue(SealedFile.open(otherKey, entry).isEmpty(), "another key does not open it");
    byte[] flipped = file.clone();
    flipped[flipped.length - 1] ^= 1;
    assertTrue(SealedFile.open(KEY, Files.write(dir.resolve("entry2"), flipped)).isEmpty());
    assertTrue(
        SealedFile.open(KEY, Files.write(dir.resolve("entry2"), Arrays.copyOf(file, 20))).isEmpty(),
        "a truncated file does not open");
    assertThrows(
        AEADBadTagException.class,
        () -> {
          Cipher again = Cipher.getInstance("AES/GCM/NoPadding");
          again.init(
              Cipher.DECRYPT_MODE, new SecretKeySpec(KEY, "AES"), new GCMParameterSpec(128, nonce));
          again.updateAAD("KSC1/entry3".getBytes(StandardCharsets.UTF_8));
          again.doFinal(ct);
        },
        "the JDK agrees that another name does not open it");
  }

  @Test
  void a_key_that_is_not_256_bits_is_refused() {
    assertThrows(
        IllegalArgumentException.class, () -> SealedFile.seal(new byte[16], "x", new byte[1]));
  }
}
