package dev.keyshell.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text written as ASCII, for a terminal whose locale is not UTF-8 ({@code LANG} unset, {@code
 * C}, {@code POSIX}): {@code …} becomes {@code ...}, {@code →} becomes {@code ->}, anything else
 * outside ASCII {@code ?}. So a masked key reads {@code AKIA...0001}, never {@code AKIA?0001}.
 */
public final class AsciiOutput extends FilterOutputStream {
  private final byte[] pending = new byte[4];
  private int have;
  private int need;

  public AsciiOutput(OutputStream out) {
    super(out);
  }

  /**
   * Whether the locale's character set is UTF-8: the first of {@code LC_ALL}, {@code LC_CTYPE},
   * {@code LANG} that is set decides, as for every POSIX program.
   */
  public static boolean utf8(Env env) {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      String v = env.vars().get(name);
      if (v != null && !v.isEmpty()) {
        String lower = v.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8");
      }
    }
    return false;
  }

  /** {@code stream} as is in a UTF-8 locale, else a UTF-8 print stream that writes ASCII to it. */
  public static PrintStream forLocale(PrintStream stream, Env env) {
    return utf8(env)
        ? stream
        : new PrintStream(new AsciiOutput(stream), true, StandardCharsets.UTF_8);
  }

  @Override
  public void write(int b) throws IOException {
    b &= 0xff;
    if (need > 0) {
      if ((b & 0xc0) != 0x80) {
        out.write('?'); // a broken sequence; the byte starts afresh
        need = 0;
        write(b);
        return;
      }
      pending[have++] = (byte) b;
      if (have == need) {
        emit();
        need = 0;
      }
      return;
    }
    if (b < 0x80) {
      out.write(b);
    } else if (b >= 0xc0 && b < 0xf8) {
      need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      pending[0] = (byte) b;
      have = 1;
    } else {
      out.write('?');
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  private void emit() throws IOException {
    String c = new String(pending, 0, have, StandardCharsets.UTF_8);
    String ascii =
        switch (c) {
          case "…" -> "...";
          case "→" -> "->";
          case "‘", "’" -> "'";
          case "“", "”" -> "\"";
          case "–", "—" -> "-";
          default -> "?";
        };
    out.write(ascii.getBytes(StandardCharsets.US_ASCII));
  }
}
