package dev.keyshell.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The vault file's versioned header: format, KDF parameters, salt and key check. Its exact bytes
 * are the AES-GCM additional authenticated data, so none of it can change unnoticed.
 *
 * <pre>
 * "KSVAULT" | version (1) | kdf (1) | iterations (int32 BE) | salt length (1) | salt
 *           | key check (32) | checksum: SHA-256 of all of the above, first 16 bytes
 * </pre>
 *
 * The unkeyed checksum tells a damaged header (a flipped salt or iteration byte) apart from a wrong
 * passphrase before any key is derived; the GCM tag is what actually authenticates it.
 */
final class VaultHeader {
  static final byte[] MAGIC = "KSVAULT".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int KDF_PBKDF2_HMAC_SHA256 = 1;
  static final int MIN_SALT = 16;
  static final int MAX_SALT = 64;
  static final int CHECK_LENGTH = 32;
  static final int CHECKSUM_LENGTH = 16;
  private static final int FIXED = MAGIC.length + 1 + 1 + 4 + 1;

  private final int iterations;
  private final byte[] salt;
  private final byte[] keyCheck;
  private final byte[] encoded;

  private VaultHeader(int iterations, byte[] salt, byte[] keyCheck, byte[] encoded) {
    this.iterations = iterations;
    this.salt = salt;
    this.keyCheck = keyCheck;
    this.encoded = encoded;
  }

  /** A header for a new vault. */
  static VaultHeader create(int iterations, byte[] salt, byte[] keyCheck) {
    ByteBuffer b = ByteBuffer.allocate(FIXED + salt.length + CHECK_LENGTH + CHECKSUM_LENGTH);
    b.put(MAGIC).put((byte) VERSION).put((byte) KDF_PBKDF2_HMAC_SHA256).putInt(iterations);
    b.put((byte) salt.length).put(salt).put(keyCheck);
    byte[] bytes = b.array();
    int bodyLength = bytes.length - CHECKSUM_LENGTH;
    System.arraycopy(checksum(bytes, bodyLength), 0, bytes, bodyLength, CHECKSUM_LENGTH);
    return new VaultHeader(iterations, salt.clone(), keyCheck.clone(), bytes);
  }

  /**
   * Parses the header at the start of {@code file}; {@code minIterations} refuses a weakened KDF.
   * Failures are {@link Damaged} with a short reason.
   */
  static VaultHeader parse(byte[] file, int minIterations, int maxIterations) throws Damaged {
    if (file.length < FIXED || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new Damaged("not a keyshell vault");
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    b.position(MAGIC.length);
    int version = Byte.toUnsignedInt(b.get());
    if (version != VERSION) {
      throw new Damaged("unknown format " + version + ", or written by a newer keyshell");
    }
    int kdf = Byte.toUnsignedInt(b.get());
    int iterations = b.getInt();
    int saltLength = Byte.toUnsignedInt(b.get());
    if (saltLength < MIN_SALT || saltLength > MAX_SALT) {
      throw new Damaged("bad salt length");
    }
    int length = FIXED + saltLength + CHECK_LENGTH + CHECKSUM_LENGTH;
    if (file.length < length + VaultCipher.MIN_SEALED) {
      throw new Damaged("truncated");
    }
    byte[] expected = checksum(file, length - CHECKSUM_LENGTH);
    if (!MessageDigest.isEqual(
        expected, Arrays.copyOfRange(file, length - CHECKSUM_LENGTH, length))) {
      throw new Damaged("header checksum mismatch");
    }
    if (kdf != KDF_PBKDF2_HMAC_SHA256) {
      throw new Damaged("unknown key derivation " + kdf);
    }
    if (iterations < minIterations || iterations > maxIterations) {
      throw new Damaged("key derivation cost outside what keyshell allows");
    }
    byte[] salt = new byte[saltLength];
    byte[] keyCheck = new byte[CHECK_LENGTH];
    b.get(salt).get(keyCheck);
    return new VaultHeader(iterations, salt, keyCheck, Arrays.copyOf(file, length));
  }

  private static byte[] checksum(byte[] bytes, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, 0, length);
      return Arrays.copyOf(sha.digest(), CHECKSUM_LENGTH);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  int iterations() {
    return iterations;
  }

  byte[] salt() {
    return salt.clone();
  }

  byte[] keyCheck() {
    return keyCheck.clone();
  }

  /** The exact header bytes: where the ciphertext starts, and the GCM associated data. */
  byte[] encoded() {
    return encoded.clone();
  }

  int length() {
    return encoded.length;
  }

  /** The file cannot be trusted; the reason is for the message, never a secret. */
  static final class Damaged extends Exception {
    private static final long serialVersionUID = 1L;

    Damaged(String reason) {
      super(reason);
    }
  }
}
