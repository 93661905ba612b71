package dev.keyshell.core;

/**
 * Makes an external string (an item title, a directory name, a server's error text) safe to print
 * on a terminal: control characters (C0, DEL, C1, so every escape sequence), bidirectional
 * overrides and line separators shown as {@code \x1b} / {@code \u202e}, and long texts cut.
 *
 * <p>Without it a title like {@code ESC]52;c;...BEL} writes the clipboard, another clears the
 * screen or draws a fake prompt.
 */
public final class Display {
  /** The most characters of an external text shown before it is cut with an ellipsis. */
  public static final int MAX = 200;

  private Display() {}

  /** {@code s} with control characters made visible and cut to {@value #MAX} characters. */
  public static String text(String s) {
    if (s == null) {
      return "";
    }
    String visible = controls(s);
    if (visible.codePointCount(0, visible.length()) <= MAX) {
      return visible;
    }
    return visible.substring(0, visible.offsetByCodePoints(0, MAX)) + "…";
  }

  /** {@code s} with control characters made visible, not cut (for paths and whole messages). */
  public static String controls(String s) {
    if (s == null) {
      return "";
    }
    int i = 0;
    while (i < s.length() && !hidden(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s; // the common case: nothing to change, nothing allocated
    }
    StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!hidden(c)) {
        b.append(c);
      } else if (c < 0x100) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    return b.toString();
  }

  /** Whether {@code s} holds anything {@link #controls} would change. */
  public static boolean hasControls(String s) {
    return s != null && !controls(s).equals(s);
  }

  private static boolean hidden(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e) // bidi embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidi isolates
        || c == 0x2028
        || c == 0x2029;
  }
}
