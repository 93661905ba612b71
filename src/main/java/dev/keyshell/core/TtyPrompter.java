package dev.keyshell.core;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), as ssh and op do, so prompts work while
 * stdin and stdout are pipes ({@code aws ... | jq}). Without a terminal nothing is asked.
 */
public final class TtyPrompter implements Prompter {
  private static final File TTY = new File("/dev/tty");
  private final PrintStream err;
  private final boolean interactive;
  private final boolean utf8;
  private BufferedReader in;

  public TtyPrompter(PrintStream err, Env env) {
    this.err = err;
    this.interactive = !"1".equals(env.vars().get("KEYSHELL_NO_TTY")) && ttyUsable();
    this.utf8 = AsciiOutput.utf8(env);
  }

  private static boolean ttyUsable() {
    try (FileInputStream probe = new FileInputStream(TTY)) {
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public String ask(String question, String defaultValue) {
    requireTty(question);
    try (PrintStream tty = ttyOut()) {
      tty.print(question + (defaultValue == null ? "" : " [" + defaultValue + "]") + ": ");
      tty.flush();
      String line = reader().readLine();
      if (line == null) {
        throw new KeyshellException("no answer (end of input)", "run the command again");
      }
      line = line.trim();
      return line.isEmpty() ? defaultValue : line;
    } catch (IOException e) {
      throw new KeyshellException("cannot read from the terminal: " + e.getMessage(), null, e);
    }
  }

  @Override
  public char[] askSecret(String question) {
    requireTty(question);
    try (PrintStream tty = ttyOut()) {
      tty.print(question + ": ");
      tty.flush();
      // Ctrl-C ends the JVM without running finally blocks: a hook gives the echo back.
      Thread restore =
          new Thread(
              () -> {
                stty("echo");
                tty.println();
              });
      Runtime.getRuntime().addShutdownHook(restore);
      stty("-echo");
      try {
        String line = reader().readLine();
        if (line == null) {
          throw new KeyshellException("no answer (end of input)", "run the command again");
        }
        return line.toCharArray();
      } finally {
        stty("echo");
        tty.println();
        try {
          Runtime.getRuntime().removeShutdownHook(restore);
        } catch (IllegalStateException e) {
          // already shutting down: the hook runs
        }
      }
    } catch (IOException e) {
      throw new KeyshellException("cannot read from the terminal: " + e.getMessage(), null, e);
    }
  }

  @Override
  public void say(String line) {
    err.println(line);
    err.flush();
  }

  private void requireTty(String question) {
    if (!interactive) {
      throw new KeyshellException(
          "no terminal to ask: " + question,
          "pass the answer as a flag (see --help), or run in a terminal");
    }
  }

  private BufferedReader reader() throws IOException {
    if (in == null) {
      in =
          new BufferedReader(
              new InputStreamReader(new FileInputStream(TTY), StandardCharsets.UTF_8));
    }
    return in;
  }

  private PrintStream ttyOut() throws IOException {
    FileOutputStream tty = new FileOutputStream(TTY);
    return new PrintStream(utf8 ? tty : new AsciiOutput(tty), true, StandardCharsets.UTF_8);
  }

  private static void stty(String setting) {
    try {
      Process p =
          new ProcessBuilder("stty", setting)
              .redirectInput(TTY)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.waitFor();
    } catch (IOException e) {
      // best effort: the answer is still read
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Clears a secret the caller owns. */
  public static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
