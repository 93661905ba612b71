package dev.keyshell.vault;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The unlocked vault key: the PBKDF2-HMAC-SHA256 output, from which the AES key and the key check
 * are derived (HMAC with distinct labels). What the session agent keeps; wiped on close.
 */
final class VaultKey implements AutoCloseable {
  static final int LENGTH = 32;
  private static final byte[] ENCRYPTION_LABEL = "keyshell vault v1 encryption".getBytes();
  private static final byte[] CHECK_LABEL = "keyshell vault v1 key check".getBytes();

  private final byte[] master;

  private VaultKey(byte[] master) {
    this.master = master;
  }

  /** Runs the slow KDF. The caller still owns (and clears) {@code passphrase}. */
  static VaultKey derive(char[] passphrase, byte[] salt, int iterations) {
    dev.keyshell.core.FullJitNeeded.checkBeforeKdf();
    PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, LENGTH * 8);
    try {
      return new VaultKey(
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded());
    } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** A key handed back by the agent; {@code master} is copied, the caller clears its array. */
  static VaultKey of(byte[] master) {
    if (master.length != LENGTH) {
      throw new IllegalArgumentException("a vault key is " + LENGTH + " bytes");
    }
    return new VaultKey(master.clone());
  }

  /** Whether this key is the one the header's key check was made with. */
  boolean opens(VaultHeader header) {
    return MessageDigest.isEqual(check(), header.keyCheck());
  }

  byte[] check() {
    return hmac(CHECK_LABEL);
  }

  /** The AES-256 key; the caller clears the returned array. */
  byte[] encryptionKey() {
    return hmac(ENCRYPTION_LABEL);
  }

  /** A copy of the key material, for the agent's stdin; the caller clears it. */
  byte[] material() {
    return master.clone();
  }

  private byte[] hmac(byte[] label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(label);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  @Override
  public void close() {
    Arrays.fill(master, (byte) 0);
  }

  @Override
  public String toString() {
    return "VaultKey[****]";
  }
}
