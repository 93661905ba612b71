package dev.keyshell.tty;

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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The controlling terminal ({@code /dev/tty}), the one place keyshell opens it: lines, hidden
 * secrets and single keys (through {@code stty}, as ssh and op do). While it reads, a shutdown hook
 * puts the terminal's settings back, so Ctrl-C (which ends the JVM without finally blocks) never
 * leaves it without echo.
 */
public final class Terminal implements AutoCloseable {
  /** The controlling terminal of the process. */
  public static final Path DEVICE = Path.of("/dev/tty");

  /** A longer line is cut: a paste without a newline cannot fill the memory. */
  static final int MAX_LINE = 64 * 1024;

  private final File device;
  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;
  private String saved;
  private Thread restoreOnExit;

  private Terminal(File device, InputStream in, OutputStream out, PrintStream err) {
    this.device = device;
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /**
   * Opens {@code device} (a test may give a plain file: lines work, secrets and keys do not). Not
   * {@code utf8}: the locale is not UTF-8, so text is written as ASCII ({@link AsciiOutput}).
   * {@code err} gets the one line printed when Ctrl-C ends the process at a question.
   */
  public static Terminal open(Path device, boolean utf8, PrintStream err) throws IOException {
    File f = device.toFile();
    InputStream in = new FileInputStream(f);
    OutputStream out;
    try {
      out = new FileOutputStream(f, true);
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new Terminal(f, in, utf8 ? out : new AsciiOutput(out), err);
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

  /** Writes {@code s} as it is (the caller neutralises what it did not write itself). */
  public void print(String s) {
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new KeyshellException("cannot write to the terminal: " + e.getMessage(), null, e);
    }
  }

  /** A line as typed (echoed by the terminal), without its end; empty at the end of input. */
  public Optional<String> readLine() {
    asking();
    try {
      byte[] line = readUntilNewline();
      return line == null
          ? Optional.empty()
          : Optional.of(new String(line, StandardCharsets.UTF_8));
    } finally {
      answered();
    }
  }

  /** A line as typed; Ctrl-D on an empty line cancels the question ({@link Cancelled}). */
  String answer() {
    Optional<String> line = readLine();
    if (line.isEmpty()) {
      print("\n");
      throw new Cancelled();
    }
    return line.get();
  }

  /** A line typed without echo; Ctrl-D on an empty line cancels. The caller clears the array. */
  char[] readSecret() {
    asking();
    byte[] line = null;
    try {
      change("-echo");
      line = readUntilNewline();
      if (line == null) {
        throw new Cancelled();
      }
      CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line));
      char[] secret = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
      Arrays.fill(chars.array(), '\0');
      return secret;
    } finally {
      if (line != null) {
        Arrays.fill(line, (byte) 0);
      }
      restore();
      print("\n");
      answered();
    }
  }

  /** Key-by-key reading, no echo, Ctrl-C delivered as a byte; close the result to end it. */
  Keys keys() {
    asking();
    try {
      change("-icanon", "-echo", "-isig", "min", "1", "time", "0");
    } catch (RuntimeException e) {
      answered();
      throw e;
    }
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
      restore();
      answered();
    }
  }

  @Override
  public void close() {
    restore();
    answered();
    try {
      in.close();
      out.close();
    } catch (IOException e) {
      // nothing was pending: print flushes
    }
  }

  // Saves the settings the first time, then changes them; fails rather than echo a secret.
  private void change(String... settings) {
    try {
      if (saved == null) {
        saved = stty("-g").trim();
      }
      stty(settings);
    } catch (IOException e) {
      throw new KeyshellException("cannot use the terminal: " + e.getMessage(), null, e);
    }
  }

  private void restore() {
    if (saved != null) {
      sttyQuietly(saved);
    }
  }

  private void asking() {
    if (restoreOnExit == null) {
      restoreOnExit = new Thread(this::onInterrupt, "keyshell-tty-restore");
      Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }
  }

  private void answered() {
    if (restoreOnExit != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(restoreOnExit);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs anyway
      }
      restoreOnExit = null;
    }
  }

  // Ctrl-C at a line prompt ends the JVM (SIGINT): put the terminal back and say what happened.
  private void onInterrupt() {
    restore();
    print("\033[?25h\n");
    if (err != null) {
      err.println("keyshell: cancelled; nothing was changed");
      err.flush();
    }
  }

  // Byte by byte, so nothing is read ahead of the line; null at the end of input.
  private byte[] readUntilNewline() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          return buf.size() == 0 ? null : buf.toByteArray();
        }
        if (b != '\r' && buf.size() < MAX_LINE) {
          buf.write(b);
        }
      }
      return buf.toByteArray();
    } catch (IOException e) {
      throw new KeyshellException("cannot read from the terminal: " + e.getMessage(), null, e);
    }
  }

  private void sttyQuietly(String... args) {
    try {
      stty(args);
    } catch (IOException e) {
      // best effort: the terminal may already be gone
    }
  }

  private String stty(String... args) throws IOException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = "stty";
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p =
        new ProcessBuilder(cmd)
            .redirectInput(device)
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
