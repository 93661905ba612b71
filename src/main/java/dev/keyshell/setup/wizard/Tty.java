package dev.keyshell.setup.wizard;

import dev.keyshell.core.AsciiOutput;
import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The controlling terminal ({@code /dev/tty}) for the wizard: lines, hidden secrets and single keys
 * (through {@code stty}, as ssh and op do), with the terminal's settings put back on every exit,
 * Ctrl-C included.
 */
final class Tty implements AutoCloseable {
  static final File DEVICE = new File("/dev/tty");

  private final InputStream in;
  private final OutputStream out;
  private final String saved;
  private final PrintStream err;
  private final Thread restoreOnExit;
  private volatile boolean asking;

  private Tty(InputStream in, OutputStream out, String saved, PrintStream err) {
    this.in = in;
    this.err = err;
    this.out = out;
    this.saved = saved;
    this.restoreOnExit = new Thread(this::onInterrupt, "keyshell-tty-restore");
    Runtime.getRuntime().addShutdownHook(restoreOnExit);
  }

  /**
   * Opens the terminal; {@code err} gets the one line printed when Ctrl-C ends the process. Not
   * {@code utf8}: the locale is not UTF-8, so text is written as ASCII ({@link AsciiOutput}).
   */
  static Tty open(PrintStream err, boolean utf8) {
    try {
      String saved = stty("-g").trim();
      OutputStream out = new FileOutputStream(DEVICE);
      return new Tty(new FileInputStream(DEVICE), utf8 ? out : new AsciiOutput(out), saved, err);
    } catch (IOException e) {
      throw new KeyshellException("cannot use the terminal: " + e.getMessage(), null, e);
    }
  }

  /** Columns of the terminal (80 when unknown). */
  int width() {
    try {
      String[] size = stty("size").trim().split("\\s+");
      int cols = Integer.parseInt(size[1]);
      return cols > 10 ? cols : 80;
    } catch (IOException | RuntimeException e) {
      return 80;
    }
  }

  void print(String s) {
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new KeyshellException("cannot write to the terminal: " + e.getMessage(), null, e);
    }
  }

  /** A line as typed (echoed by the terminal); Ctrl-D on an empty line cancels. */
  String readLine() {
    asking = true;
    try {
      byte[] line = readUntilNewline();
      return new String(line, StandardCharsets.UTF_8);
    } finally {
      asking = false;
    }
  }

  /** A line typed without echo. */
  char[] readSecret() {
    asking = true;
    sttyQuietly("-echo");
    byte[] line = null;
    try {
      line = readUntilNewline();
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line));
      char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return secret;
    } finally {
      if (line != null) {
        Arrays.fill(line, (byte) 0);
      }
      sttyQuietly(saved);
      print("\n");
      asking = false;
    }
  }

  /** Key-by-key reading, no echo, Ctrl-C delivered as a byte; close the result to end it. */
  Keys keys() {
    asking = true;
    sttyQuietly("-icanon", "-echo", "-isig", "min", "1", "time", "0");
    return new Keys();
  }

  /** Single keys from the terminal in raw mode. */
  final class Keys implements AutoCloseable {
    int read() {
      try {
        return in.read();
      } catch (IOException e) {
        throw new KeyshellException("cannot read from the terminal: " + e.getMessage(), null, e);
      }
    }

    @Override
    public void close() {
      sttyQuietly(saved);
      asking = false;
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
    sttyQuietly(saved);
  }

  // Ctrl-C at a line prompt ends the JVM (SIGINT): put the terminal back and say what happened.
  private void onInterrupt() {
    sttyQuietly(saved);
    if (asking) {
      print("\033[?25h\n");
      err.println("keyshell: cancelled; nothing was changed");
      err.flush();
    }
  }

  private byte[] readUntilNewline() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          if (buf.size() == 0) {
            print("\n");
            throw new Cancelled();
          }
          break;
        }
        if (b != '\r') {
          buf.write(b);
        }
      }
      return buf.toByteArray();
    } catch (IOException e) {
      throw new KeyshellException("cannot read from the terminal: " + e.getMessage(), null, e);
    }
  }

  private static void sttyQuietly(String... args) {
    try {
      stty(args);
    } catch (IOException e) {
      // best effort: the terminal may already be gone
    }
  }

  private static String stty(String... args) throws IOException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "stty";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(DEVICE)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException("stty " + String.join(" ", args) + " failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return output;
  }
}
