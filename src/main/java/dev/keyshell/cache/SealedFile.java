package dev.keyshell.cache;

import dev.keyshell.core.BoundedFiles;
import dev.keyshell.crypto.AesGcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * AES-256-GCM sealing of one cache file: {@code "KSC1" | nonce(12) | ciphertext+tag}. The format
 * tag and the file name are authenticated, so an entry copied under another name does not open.
 * Opening is the warm path: it needs no JCE and no random numbers ({@link AesGcm}).
 */
public final class SealedFile {
  private static final byte[] MAGIC = "KSC1".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = MAGIC.length + AesGcm.NONCE_BYTES;

  private SealedFile() {}

  public static byte[] seal(byte[] key, String name, byte[] plaintext) {
    byte[] nonce = new byte[AesGcm.NONCE_BYTES];
    Nonces.RANDOM.nextBytes(nonce);
    byte[] ct = new AesGcm(key).seal(nonce, aad(name), plaintext);
    byte[] out = new byte[HEADER + ct.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    System.arraycopy(nonce, 0, out, MAGIC.length, nonce.length);
    System.arraycopy(ct, 0, out, HEADER, ct.length);
    return out;
  }

  /** The plaintext, or empty when the file is missing, damaged, or sealed with another key. */
  public static Optional<byte[]> open(byte[] key, Path file) {
    byte[] sealed;
    try {
      sealed = BoundedFiles.readOwn(file);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (sealed.length < HEADER + AesGcm.TAG_BYTES
        || !Arrays.equals(sealed, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return Optional.empty();
    }
    byte[] nonce = Arrays.copyOfRange(sealed, MAGIC.length, HEADER);
    byte[] plain =
        new AesGcm(key)
            .open(
                nonce, aad(file.getFileName().toString()), sealed, HEADER, sealed.length - HEADER);
    return plain == null ? Optional.empty() : Optional.of(plain);
  }

  /** Created on first seal only: opening, the warm path, needs no random numbers. */
  private static final class Nonces {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  private static byte[] aad(String name) {
    return ("KSC1/" + name).getBytes(StandardCharsets.UTF_8);
  }
}
