package dev.keyshell.crypto;

import java.util.Arrays;

/**
 * AES-256-GCM (FIPS 197, NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag: the one cipher of
 * keyshell's sealed cache files, opened on every warm {@code aws}. On JDK 17 the JCE's {@code
 * Cipher} costs about 30 ms of set-up before the first block (provider framework, policy files,
 * SunJCE's service table), more than the JVM's own start; see package-info for what was measured.
 *
 * <p>Only what GCM needs is here: the forward cipher (CTR mode never decrypts a block) and GHASH.
 * The tag is checked in constant time before any plaintext is returned. AesGcmTest holds it to the
 * NIST test vectors and to the JDK's own AES/GCM/NoPadding on random keys, nonces, AAD and lengths,
 * in both directions, and to rejecting every single-bit change.
 */
public final class AesGcm {
  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BYTES = 16;

  private static final int ROUNDS = 14;
  private static final byte[] SBOX = sbox();

  private final int[] roundKeys = new int[4 * (ROUNDS + 1)];
  private final long hHi;
  private final long hLo;

  /** A cipher for this 256-bit key. */
  public AesGcm(byte[] key) {
    if (key.length != KEY_BYTES) {
      throw new IllegalArgumentException("AES-256-GCM needs a 32-byte key");
    }
    expandKey(key);
    byte[] h = new byte[16];
    encryptBlock(h, h);
    hHi = longAt(h, 0);
    hLo = longAt(h, 8);
  }

  /** {@code ciphertext || tag} of {@code plaintext}, with {@code aad} authenticated too. */
  public byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) {
    checkNonce(nonce);
    byte[] out = new byte[plaintext.length + TAG_BYTES];
    ctr(nonce, plaintext, 0, plaintext.length, out);
    byte[] tag = tag(nonce, aad, out, 0, plaintext.length);
    System.arraycopy(tag, 0, out, plaintext.length, TAG_BYTES);
    return out;
  }

  /**
   * The plaintext of {@code sealed[off, off+len)} ({@code ciphertext || tag}), or null when the tag
   * does not match: another key, nonce or AAD, or any change to the bytes.
   */
  public byte[] open(byte[] nonce, byte[] aad, byte[] sealed, int off, int len) {
    checkNonce(nonce);
    if (len < TAG_BYTES) {
      return null;
    }
    int ctLen = len - TAG_BYTES;
    byte[] expected = tag(nonce, aad, sealed, off, ctLen);
    int diff = 0;
    for (int i = 0; i < TAG_BYTES; i++) {
      diff |= expected[i] ^ sealed[off + ctLen + i];
    }
    if (diff != 0) {
      return null;
    }
    byte[] in = Arrays.copyOfRange(sealed, off, off + ctLen);
    byte[] plain = new byte[ctLen];
    ctr(nonce, in, 0, ctLen, plain);
    return plain;
  }

  private static void checkNonce(byte[] nonce) {
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("AES-GCM here takes a 12-byte nonce");
    }
  }

  /** GCTR from inc32(J0), J0 = nonce || 0^31 || 1 (SP 800-38D 7.1). */
  private void ctr(byte[] nonce, byte[] in, int off, int len, byte[] out) {
    byte[] counter = new byte[16];
    System.arraycopy(nonce, 0, counter, 0, NONCE_BYTES);
    byte[] stream = new byte[16];
    int block = 2;
    for (int done = 0; done < len; done += 16) {
      counter[12] = (byte) (block >>> 24);
      counter[13] = (byte) (block >>> 16);
      counter[14] = (byte) (block >>> 8);
      counter[15] = (byte) block;
      block++;
      encryptBlock(counter, stream);
      int n = Math.min(16, len - done);
      for (int i = 0; i < n; i++) {
        out[done + i] = (byte) (in[off + done + i] ^ stream[i]);
      }
    }
  }

  /** E(K, J0) xor GHASH(A || 0* || C || 0* || len(A) || len(C)). */
  private byte[] tag(byte[] nonce, byte[] aad, byte[] ct, int off, int len) {
    long[] y = new long[2];
    ghash(y, aad, 0, aad.length);
    ghash(y, ct, off, len);
    y[0] ^= (long) aad.length * 8;
    y[1] ^= (long) len * 8;
    multiplyByH(y);
    byte[] j0 = new byte[16];
    System.arraycopy(nonce, 0, j0, 0, NONCE_BYTES);
    j0[15] = 1;
    byte[] ekj0 = new byte[16];
    encryptBlock(j0, ekj0);
    byte[] tag = new byte[16];
    putLong(tag, 0, y[0] ^ longAt(ekj0, 0));
    putLong(tag, 8, y[1] ^ longAt(ekj0, 8));
    return tag;
  }

  /** Folds {@code data}, zero-padded to whole blocks, into {@code y}. */
  private void ghash(long[] y, byte[] data, int off, int len) {
    byte[] last = new byte[16];
    for (int done = 0; done < len; done += 16) {
      int n = Math.min(16, len - done);
      if (n == 16) {
        y[0] ^= longAt(data, off + done);
        y[1] ^= longAt(data, off + done + 8);
      } else {
        Arrays.fill(last, (byte) 0);
        System.arraycopy(data, off + done, last, 0, n);
        y[0] ^= longAt(last, 0);
        y[1] ^= longAt(last, 8);
      }
      multiplyByH(y);
    }
  }

  /**
   * y = y * H in GF(2^128), GCM's bit order (SP 800-38D algorithm 1), without branches on the data:
   * every bit costs the same.
   */
  private void multiplyByH(long[] y) {
    long zHi = 0;
    long zLo = 0;
    long vHi = hHi;
    long vLo = hLo;
    long xHi = y[0];
    long xLo = y[1];
    for (int i = 0; i < 128; i++) {
      long bit = i < 64 ? (xHi >>> (63 - i)) & 1 : (xLo >>> (127 - i)) & 1;
      long mask = -bit;
      zHi ^= vHi & mask;
      zLo ^= vLo & mask;
      long carry = -(vLo & 1);
      vLo = (vLo >>> 1) | (vHi << 63);
      vHi = (vHi >>> 1) ^ (0xe100000000000000L & carry);
    }
    y[0] = zHi;
    y[1] = zLo;
  }

  private void expandKey(byte[] key) {
    int[] w = roundKeys;
    for (int i = 0; i < 8; i++) {
      w[i] =
          (key[4 * i] & 0xff) << 24
              | (key[4 * i + 1] & 0xff) << 16
              | (key[4 * i + 2] & 0xff) << 8
              | (key[4 * i + 3] & 0xff);
    }
    int rcon = 1;
    for (int i = 8; i < w.length; i++) {
      int t = w[i - 1];
      if (i % 8 == 0) {
        t = subWord(Integer.rotateLeft(t, 8)) ^ (rcon << 24);
        rcon = xtime(rcon);
      } else if (i % 8 == 4) {
        t = subWord(t);
      }
      w[i] = w[i - 8] ^ t;
    }
  }

  private static int subWord(int w) {
    return (SBOX[w >>> 24 & 0xff] & 0xff) << 24
        | (SBOX[w >>> 16 & 0xff] & 0xff) << 16
        | (SBOX[w >>> 8 & 0xff] & 0xff) << 8
        | (SBOX[w & 0xff] & 0xff);
  }

  /** The forward cipher on one block; {@code in} and {@code out} may be the same array. */
  private void encryptBlock(byte[] in, byte[] out) {
    int[] s = new int[16];
    int[] t = new int[16];
    for (int i = 0; i < 16; i++) {
      s[i] = in[i] & 0xff;
    }
    addRoundKey(s, 0);
    for (int round = 1; round <= ROUNDS; round++) {
      // SubBytes and ShiftRows: row r of column c comes from column c + r (state is column-major)
      for (int c = 0; c < 4; c++) {
        for (int r = 0; r < 4; r++) {
          t[4 * c + r] = SBOX[s[4 * ((c + r) & 3) + r]] & 0xff;
        }
      }
      if (round < ROUNDS) {
        for (int c = 0; c < 4; c++) {
          int a0 = t[4 * c];
          int a1 = t[4 * c + 1];
          int a2 = t[4 * c + 2];
          int a3 = t[4 * c + 3];
          s[4 * c] = xtime(a0) ^ xtime(a1) ^ a1 ^ a2 ^ a3;
          s[4 * c + 1] = a0 ^ xtime(a1) ^ xtime(a2) ^ a2 ^ a3;
          s[4 * c + 2] = a0 ^ a1 ^ xtime(a2) ^ xtime(a3) ^ a3;
          s[4 * c + 3] = xtime(a0) ^ a0 ^ a1 ^ a2 ^ xtime(a3);
        }
      } else {
        System.arraycopy(t, 0, s, 0, 16);
      }
      addRoundKey(s, round);
    }
    for (int i = 0; i < 16; i++) {
      out[i] = (byte) s[i];
    }
  }

  private void addRoundKey(int[] s, int round) {
    for (int c = 0; c < 4; c++) {
      int k = roundKeys[4 * round + c];
      s[4 * c] ^= k >>> 24;
      s[4 * c + 1] ^= (k >>> 16) & 0xff;
      s[4 * c + 2] ^= (k >>> 8) & 0xff;
      s[4 * c + 3] ^= k & 0xff;
    }
  }

  /** Multiplication by x in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1, without a branch. */
  private static int xtime(int a) {
    return ((a << 1) ^ (0x1b & -((a >>> 7) & 1))) & 0xff;
  }

  /**
   * The S-box of FIPS 197 5.1.1, computed rather than typed in: the multiplicative inverse in
   * GF(2^8) (walked with the generator 3 and its inverse), then the affine map.
   */
  private static byte[] sbox() {
    byte[] box = new byte[256];
    int p = 1;
    int q = 1;
    do {
      p = (p ^ (p << 1) ^ ((p & 0x80) != 0 ? 0x1b : 0)) & 0xff;
      q ^= q << 1;
      q ^= q << 2;
      q ^= q << 4;
      q &= 0xff;
      if ((q & 0x80) != 0) {
        q ^= 0x09;
      }
      int x = q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4);
      box[p] = (byte) (x ^ 0x63);
    } while (p != 1);
    box[0] = 0x63;
    return box;
  }

  private static int rotl8(int x, int n) {
    return ((x << n) | (x >>> (8 - n))) & 0xff;
  }

  private static long longAt(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xff);
    }
    return v;
  }

  private static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
