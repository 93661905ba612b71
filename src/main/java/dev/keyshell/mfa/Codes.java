package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a code from outside keyshell must look like before it goes to STS: six digits. */
final class Codes {
  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

  private Codes() {}

  /** The six digits in {@code text} (spaces around and inside ignored), else empty. */
  static Optional<String> sixDigits(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String digits = text.strip().replace(" ", "");
    return SIX_DIGITS.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }

  /** The code in the last non-empty line of a helper's output, or a clear error naming it. */
  static String fromOutput(String output, String source, String hint) {
    String last = "";
    for (String line : output.split("\n")) {
      if (!line.isBlank()) {
        last = line;
      }
    }
    // ykman without --single prints "ACCOUNT  CODE"; the code is the last word either way.
    String[] words = last.strip().split("\\s+");
    return sixDigits(words[words.length - 1])
        .orElseThrow(
            () ->
                new KeyshellException(
                    source + " printed something other than a 6-digit code", hint));
  }

  /** The first line of a helper's stderr, cut short, for an error message. */
  static String firstLine(String stderr) {
    for (String line : stderr.split("\n")) {
      if (!line.isBlank()) {
        String l = line.strip();
        return l.length() > 160 ? l.substring(0, 160) + "..." : l;
      }
    }
    return "";
  }
}
