package dev.keyshell.crypto;

import java.nio.charset.StandardCharsets;

/**
 * SHA-256 (FIPS 180-4), for names and fingerprints: the warm index's keys and trusted scope files.
 * The JCA's {@code MessageDigest} would first set up {@code java.security.Security} and the SUN
 * provider, about 12 ms of every warm {@code aws} on JDK 17 (see package-info). SHA256Test checks
 * it against the JDK's on the FIPS examples and on random inputs of every length across block
 * edges.
 */
public final class Sha256 {
  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final int[] h = new int[8];
  private final int[] w = new int[64];
  private final byte[] block = new byte[64];
  private int buffered;
  private long length;

  public Sha256() {
    reset();
  }

  private void reset() {
    h[0] = 0x6a09e667;
    h[1] = 0xbb67ae85;
    h[2] = 0x3c6ef372;
    h[3] = 0xa54ff53a;
    h[4] = 0x510e527f;
    h[5] = 0x9b05688c;
    h[6] = 0x1f83d9ab;
    h[7] = 0x5be0cd19;
    buffered = 0;
    length = 0;
  }

  public Sha256 update(byte b) {
    block[buffered++] = b;
    length++;
    if (buffered == 64) {
      compress();
    }
    return this;
  }

  public Sha256 update(byte[] bytes) {
    return update(bytes, 0, bytes.length);
  }

  public Sha256 update(byte[] bytes, int off, int len) {
    for (int i = off; i < off + len; i++) {
      block[buffered++] = bytes[i];
      if (buffered == 64) {
        compress();
      }
    }
    length += len;
    return this;
  }

  public Sha256 update(String text) {
    return update(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The 32-byte digest of what was given; the digest then starts again, empty. */
  public byte[] digest() {
    long bits = length * 8;
    block[buffered++] = (byte) 0x80;
    if (buffered > 56) {
      while (buffered < 64) {
        block[buffered++] = 0;
      }
      compress();
    }
    while (buffered < 56) {
      block[buffered++] = 0;
    }
    for (int i = 7; i >= 0; i--) {
      block[buffered++] = (byte) (bits >>> (8 * i));
    }
    compress();
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      out[4 * i] = (byte) (h[i] >>> 24);
      out[4 * i + 1] = (byte) (h[i] >>> 16);
      out[4 * i + 2] = (byte) (h[i] >>> 8);
      out[4 * i + 3] = (byte) h[i];
    }
    reset();
    return out;
  }

  /** {@link #digest()} in lower-case hex. */
  public String hex() {
    byte[] d = digest();
    char[] out = new char[d.length * 2];
    for (int i = 0; i < d.length; i++) {
      out[2 * i] = HEX[(d[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[d[i] & 0xf];
    }
    return new String(out);
  }

  /** The lower-case hex SHA-256 of {@code content}. */
  public static String hex(byte[] content) {
    return new Sha256().update(content).hex();
  }

  private void compress() {
    for (int t = 0; t < 16; t++) {
      w[t] =
          (block[4 * t] & 0xff) << 24
              | (block[4 * t + 1] & 0xff) << 16
              | (block[4 * t + 2] & 0xff) << 8
              | (block[4 * t + 3] & 0xff);
    }
    for (int t = 16; t < 64; t++) {
      int s0 =
          Integer.rotateRight(w[t - 15], 7)
              ^ Integer.rotateRight(w[t - 15], 18)
              ^ (w[t - 15] >>> 3);
      int s1 =
          Integer.rotateRight(w[t - 2], 17) ^ Integer.rotateRight(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    int a = h[0];
    int b = h[1];
    int c = h[2];
    int d = h[3];
    int e = h[4];
    int f = h[5];
    int g = h[6];
    int k = h[7];
    for (int t = 0; t < 64; t++) {
      int s1 = Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25);
      int ch = (e & f) ^ (~e & g);
      int t1 = k + s1 + ch + K[t] + w[t];
      int s0 = Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22);
      int maj = (a & b) ^ (a & c) ^ (b & c);
      int t2 = s0 + maj;
      k = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += k;
    buffered = 0;
  }
}
