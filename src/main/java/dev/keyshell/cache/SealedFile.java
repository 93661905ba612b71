package dev.keyshell.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.NoSuchProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM sealing of one cache file: {@code "KSC1" | nonce(12) | ciphertext+tag}. The format
 * tag and the file name are authenticated, so an entry copied under another name does not open.
 */
public final class SealedFile {
  private static final byte[] MAGIC = "KSC1".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private SealedFile() {}

  public static byte[] seal(SecretKeySpec key, String name, byte[] plaintext) {
    try {
      byte[] nonce = new byte[NONCE];
      Nonces.RANDOM.nextBytes(nonce);
      Cipher c = aesGcm();
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(name));
      byte[] ct = c.doFinal(plaintext);
      return ByteBuffer.allocate(MAGIC.length + NONCE + ct.length)
          .put(MAGIC)
          .put(nonce)
          .put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plaintext, or empty when the file is missing, damaged, or sealed with another key. */
  public static Optional<byte[]> open(SecretKeySpec key, Path file) {
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (sealed.length < MAGIC.length + NONCE + TAG_BITS / 8
        || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    try {
      Cipher c = aesGcm();
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, MAGIC.length, NONCE));
      c.updateAAD(aad(file.getFileName().toString()));
      int off = MAGIC.length + NONCE;
      return Optional.of(c.doFinal(sealed, off, sealed.length - off));
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * The JDK's own AES-GCM. Naming the provider spares a search through every installed provider
   * (PKCS#11, XML signatures, SASL, smart cards: each loaded to be asked), a good part of the warm
   * path's cost; another JDK without SunJCE gets the default search.
   */
  private static Cipher aesGcm() throws GeneralSecurityException {
    try {
      return Cipher.getInstance(TRANSFORMATION, "SunJCE");
    } catch (NoSuchProviderException e) {
      return Cipher.getInstance(TRANSFORMATION);
    }
  }

  /** Created on first seal only: opening, the warm path, needs no random numbers. */
  private static final class Nonces {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private static byte[] aad(String name) {
    return ("KSC1/" + name).getBytes(StandardCharsets.UTF_8);
  }
}
