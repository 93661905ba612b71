package dev.keyshell.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {
  private static String jdk(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void the_fips_180_examples() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        Sha256.hex(
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                .getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Sha256.hex(new byte[0]));
  }

  @Test
  void it_agrees_with_the_jdk_on_every_length_across_block_edges() throws Exception {
    Random random = new Random(42);
    for (int len = 0; len <= 300; len++) {
      byte[] b = new byte[len];
      random.nextBytes(b);
      assertEquals(jdk(b), Sha256.hex(b), "length " + len);
    }
  }

  @Test
  void updates_in_pieces_and_by_byte_give_the_same_digest_and_it_starts_again() throws Exception {
    Random random = new Random(7);
    byte[] b = new byte[1000];
    random.nextBytes(b);
    Sha256 pieces = new Sha256();
    int at = 0;
    while (at < b.length) {
      int n = Math.min(random.nextInt(130), b.length - at);
      if (n == 1) {
        pieces.update(b[at]);
      } else {
        pieces.update(b, at, n);
      }
      at += n;
    }
    assertEquals(jdk(b), pieces.hex());
    assertEquals(jdk(new byte[0]), pieces.hex(), "after a digest it is empty again");
  }
}
