package dev.keyshell.vault;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over the vault body, with the header as associated data and a fresh random 12-byte
 * nonce on every write: {@code header | nonce | ciphertext+tag}.
 */
final class VaultCipher {
  static final int NONCE = 12;
  static final int TAG_BITS = 128;
  static final int MIN_SEALED = NONCE + TAG_BITS / 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private VaultCipher() {}

  /** The whole file: header, nonce and the encrypted {@code plaintext}. */
  static byte[] seal(VaultHeader header, VaultKey key, byte[] plaintext) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] aad = header.encoded();
    byte[] aes = key.encryptionKey();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(aes, "AES"),
          new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad);
      byte[] sealed = c.doFinal(plaintext);
      return ByteBuffer.allocate(aad.length + NONCE + sealed.length)
          .put(aad)
          .put(nonce)
          .put(sealed)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(aes, (byte) 0);
    }
  }

  /** The plaintext of {@code file}, whose header is {@code header}; the caller clears it. */
  static byte[] open(byte[] file, VaultHeader header, VaultKey key) throws VaultHeader.Damaged {
    int start = header.length();
    byte[] aes = key.encryptionKey();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(aes, "AES"),
          new GCMParameterSpec(TAG_BITS, file, start, NONCE));
      c.updateAAD(file, 0, start);
      return c.doFinal(file, start + NONCE, file.length - start - NONCE);
    } catch (AEADBadTagException e) {
      throw new VaultHeader.Damaged("authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    } finally {
      Arrays.fill(aes, (byte) 0);
    }
  }
}
