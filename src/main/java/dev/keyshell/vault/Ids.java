package dev.keyshell.vault;

import java.security.SecureRandom;

/** Random item and field ids in 1Password's shape: 26 characters of lowercase base32. */
final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final int LENGTH = 26;

  private Ids() {}

  static String next() {
    char[] id = new char[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
