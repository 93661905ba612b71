package dev.keyshell.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** AES-256-GCM against NIST's vectors and against the JDK's own AES/GCM/NoPadding. */
class AesGcmTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static byte[] jdkSeal(byte[] key, byte[] nonce, byte[] aad, byte[] plain)
      throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(plain);
  }

  /** Test cases 13 to 16 of the GCM specification (McGrew and Viega), the 256-bit ones. */
  @Test
  void the_gcm_specification_s_256_bit_test_cases() {
    byte[] zero = new byte[32];
    byte[] iv0 = new byte[12];
    assertEquals(
        "530f8afbc74536b9a963b4f1c4cb738b",
        HexFormat.of().formatHex(new AesGcm(zero).seal(iv0, new byte[0], new byte[0])));
    assertEquals(
        "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919",
        HexFormat.of().formatHex(new AesGcm(zero).seal(iv0, new byte[0], new byte[16])));

    byte[] key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
    byte[] iv = hex("cafebabefacedbaddecaf888");
    String p =
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    String c =
        "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    assertEquals(
        c + "b094dac5d93471bdec1a502270e3cc6c",
        HexFormat.of().formatHex(new AesGcm(key).seal(iv, new byte[0], hex(p))));
    byte[] aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    byte[] sealed = new AesGcm(key).seal(iv, aad, hex(p.substring(0, 120)));
    assertEquals(
        c.substring(0, 120) + "76fc6ece0f4e1768cddf8853bb2d551b", HexFormat.of().formatHex(sealed));
    assertArrayEquals(
        hex(p.substring(0, 120)), new AesGcm(key).open(iv, aad, sealed, 0, sealed.length));
  }

  @Test
  void it_agrees_with_the_jdk_both_ways_on_random_keys_nonces_aad_and_lengths() throws Exception {
    Random random = new Random(2026);
    for (int round = 0; round < 400; round++) {
      byte[] key = new byte[32];
      byte[] nonce = new byte[12];
      byte[] aad = new byte[random.nextInt(70)];
      byte[] plain = new byte[round < 100 ? round : random.nextInt(3000)];
      random.nextBytes(key);
      random.nextBytes(nonce);
      random.nextBytes(aad);
      random.nextBytes(plain);

      byte[] ours = new AesGcm(key).seal(nonce, aad, plain);
      byte[] theirs = jdkSeal(key, nonce, aad, plain);
      assertArrayEquals(theirs, ours, "round " + round);

      byte[] framed = new byte[theirs.length + 5];
      System.arraycopy(theirs, 0, framed, 3, theirs.length);
      assertArrayEquals(plain, new AesGcm(key).open(nonce, aad, framed, 3, theirs.length));
    }
  }

  @Test
  void any_single_bit_changed_in_the_ciphertext_tag_nonce_aad_or_key_is_refused() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x5a);
    byte[] nonce = hex("000102030405060708090a0b");
    byte[] aad = "KSC1/entry".getBytes();
    byte[] sealed = new AesGcm(key).seal(nonce, aad, "a session of 33 bytes, or so....".getBytes());
    for (int bit = 0; bit < sealed.length * 8; bit++) {
      byte[] bad = sealed.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(new AesGcm(key).open(nonce, aad, bad, 0, bad.length), "bit " + bit);
    }
    for (int bit = 0; bit < 96; bit++) {
      byte[] bad = nonce.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(new AesGcm(key).open(bad, aad, sealed, 0, sealed.length), "nonce bit " + bit);
    }
    byte[] otherAad = aad.clone();
    otherAad[otherAad.length - 1] ^= 1;
    assertNull(new AesGcm(key).open(nonce, otherAad, sealed, 0, sealed.length));
    byte[] otherKey = key.clone();
    otherKey[31] ^= 1;
    assertNull(new AesGcm(otherKey).open(nonce, aad, sealed, 0, sealed.length));
    assertNull(new AesGcm(key).open(nonce, aad, sealed, 0, sealed.length - 1), "truncated");
    assertNull(new AesGcm(key).open(nonce, aad, sealed, 0, 15), "shorter than a tag");
  }

  @Test
  void only_256_bit_keys_and_96_bit_nonces() {
    assertThrows(IllegalArgumentException.class, () -> new AesGcm(new byte[16]));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AesGcm(new byte[32]).seal(new byte[16], new byte[0], new byte[0]));
  }
}
