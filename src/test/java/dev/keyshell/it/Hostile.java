package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What an attacker puts in a title, a directory name or an error text, and how to spot it. */
final class Hostile {
  /** OSC 52: writes "touch ~/PWNED" to the clipboard. */
  static final String OSC52 = "\u001b]52;c;dG91Y2ggfi9QV05FRA==\u0007";

  /** Sets the terminal's window title. */
  static final String TITLE = "\u001b]0;owned\u0007";

  /** Clears the screen and homes the cursor. */
  static final String CLEAR = "\u001b[2J\u001b[H";

  /** Back to the line's start, erase it, and draw a prompt that is not the shell's. */
  static final String FAKE_PROMPT = "\r\u001b[Kme@laptop:~$ ";

  static final List<String> PAYLOADS = List.of(OSC52, TITLE, CLEAR, FAKE_PROMPT);

  /** All four at once. */
  static final String ALL = String.join("", PAYLOADS);

  private Hostile() {}

  /** Fails when {@code shown} holds a raw control character other than the line break. */
  static void assertNoRawControls(String shown) {
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c != '\n' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
        fail(
            String.format("raw control character U+%04X at %d in: %s", (int) c, i, visible(shown)));
      }
    }
  }

  static String visible(String s) {
    return s.replace("\u001b", "<ESC>").replace("\u0007", "<BEL>").replace("\r", "<CR>");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
