package dev.keyshell.core;

/**
 * Quotes a word (a path, a profile name) for a hint the user pastes into their shell. One form is
 * valid in bash, zsh and fish alike: single quotes, with every {@code '} and {@code \} written
 * outside them as {@code \'} and {@code \\} ({@code 'it'\''s'}). fish alone reads {@code \'} and
 * {@code \\} inside single quotes, so neither may appear there.
 */
public final class ShellQuote {
  private ShellQuote() {}

  public static String quote(String word) {
    StringBuilder b = new StringBuilder(word.length() + 2).append('\'');
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\'' || c == '\\') {
        b.append('\'').append('\\').append(c).append('\'');
      } else {
        b.append(c);
      }
    }
    return b.append('\'').toString();
  }

  /**
   * Whether {@code word} can be shown quoted in a hint: a control character (a newline, an escape
   * sequence) would be printed raw or, made visible, would no longer be the same word.
   */
  public static boolean pasteable(String word) {
    return !Display.hasControls(word);
  }
}
