package dev.keyshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text for a terminal whose locale is not UTF-8: ASCII look-alikes, never a '?' for an ellipsis.
 */
class AsciiOutputTest {

  private static Env env(Map<String, String> vars) {
    return new Env(vars, Path.of("/"), Path.of("/"));
  }

  @Test
  void the_first_set_of_lc_all_lc_ctype_lang_decides_the_charset() {
    assertFalse(AsciiOutput.utf8(env(Map.of())));
    assertFalse(AsciiOutput.utf8(env(Map.of("LANG", "C"))));
    assertTrue(AsciiOutput.utf8(env(Map.of("LANG", "en_US.UTF-8"))));
    assertTrue(AsciiOutput.utf8(env(Map.of("LANG", "C", "LC_CTYPE", "de_DE.utf8"))));
    assertFalse(AsciiOutput.utf8(env(Map.of("LANG", "C.UTF-8", "LC_ALL", "POSIX"))));
  }

  @Test
  void a_masked_key_and_an_arrow_read_as_ascii() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = AsciiOutput.forLocale(new PrintStream(bytes), env(Map.of()));
    out.print("Saved (AKIA…0001) → vault ‘Private’, café 🔑");
    out.flush();
    assertEquals(
        "Saved (AKIA...0001) -> vault 'Private', caf? ?",
        bytes.toString(StandardCharsets.US_ASCII));
  }

  @Test
  void a_utf8_locale_keeps_the_stream_as_it_is() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream());
    assertSame(out, AsciiOutput.forLocale(out, env(Map.of("LANG", "C.UTF-8"))));
  }
}
