package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayTest {
  /** What a hostile title, directory name or server message may carry. */
  static final String OSC52 = "\u001b]52;c;dG91Y2ggflBXTkVE\u0007";

  static final String TITLE = "\u001b]0;owned\u001b\\";
  static final String CLEAR = "\u001b[2J\u001b[H";
  static final String FAKE_PROMPT = "\r\u001b[Kme@host:~$ ";
  static final String C1_CSI = "\u009b31m";

  @ParameterizedTest
  @ValueSource(strings = {OSC52, TITLE, CLEAR, FAKE_PROMPT, C1_CSI, "a\u007fb", "\u202egnp.exe"})
  void no_control_character_survives(String payload) {
    String shown = Display.text("AWS " + payload);
    assertTrue(shown.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), shown);
    assertTrue(shown.chars().noneMatch(c -> c == 0x202e), shown);
  }

  @Test
  void control_characters_are_shown_as_escapes() {
    assertEquals("a\\x1b[2Jb", Display.text("a\u001b[2Jb"));
    assertEquals("a\\x0ab", Display.text("a\nb"));
    assertEquals("\\x9b", Display.text("\u009b"));
    assertEquals("\\u202e", Display.text("\u202e"));
    assertEquals("plain text, é and ✓", Display.text("plain text, é and ✓"));
  }

  @Test
  void long_texts_are_cut_with_an_ellipsis() {
    String shown = Display.text("x".repeat(10_000));
    assertEquals("x".repeat(Display.MAX) + "…", shown);
    assertEquals("y".repeat(Display.MAX), Display.text("y".repeat(Display.MAX)));
  }

  @Test
  void a_clean_text_is_returned_as_it_is() {
    String clean = "/home/me/project";
    assertSame(clean, Display.controls(clean));
    assertEquals("", Display.text(null));
  }
}
