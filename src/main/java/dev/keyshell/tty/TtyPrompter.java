package dev.keyshell.tty;

import dev.keyshell.core.AsciiOutput;
import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Asks on the controlling terminal ({@code /dev/tty}), as ssh and op do, so questions work while
 * stdin and stdout are pipes ({@code aws ... | jq}); without a terminal ({@code KEYSHELL_NO_TTY=1}
 * or none there) nothing is asked. Menus move with the arrow keys where the terminal can draw them
 * and are a numbered list where it cannot ({@code TERM} unset or {@code dumb}, or {@code
 * KEYSHELL_PLAIN_MENUS=1}), so they work over SSH, in screen readers' plain consoles and without a
 * mouse.
 */
public final class TtyPrompter implements Prompter, AutoCloseable {
  private final Path device;
  private final PrintStream err;
  private final boolean interactive;
  private final boolean arrows;
  private final boolean utf8;
  private Terminal tty;

  public TtyPrompter(PrintStream err, Env env) {
    this(Terminal.DEVICE, err, env);
  }

  TtyPrompter(Path device, PrintStream err, Env env) {
    this.device = device;
    this.err = err;
    this.interactive = !"1".equals(env.vars().get("KEYSHELL_NO_TTY")) && usable(device);
    String term = env.get("TERM").orElse("dumb");
    this.arrows = !term.equals("dumb") && !"1".equals(env.vars().get("KEYSHELL_PLAIN_MENUS"));
    this.utf8 = AsciiOutput.utf8(env);
  }

  private static boolean usable(Path device) {
    try (FileInputStream probe = new FileInputStream(device.toFile())) {
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
  public int choose(String question, List<String> options, int preselected) {
    Terminal t = tty(question);
    return arrows
        ? new ArrowMenu(t).choose(question, options, preselected)
        : new NumberedMenu(t).choose(question, options, preselected);
  }

  @Override
  public String ask(String question, String defaultValue) {
    Terminal t = tty(question);
    t.print(
        "? "
            + question
            + (defaultValue == null || defaultValue.isEmpty()
                ? ""
                : " [" + Display.text(defaultValue) + "]")
            + " ");
    String line = t.answer().trim();
    return line.isEmpty() ? defaultValue : line;
  }

  @Override
  public char[] askSecret(String question) {
    Terminal t = tty(question);
    t.print("? " + question + " (typing is hidden) ");
    return t.readSecret();
  }

  /** On the terminal once a question was asked there, else on stderr. */
  @Override
  public void say(String line) {
    if (tty != null) {
      tty.print(Display.controls(line) + "\n");
    } else {
      err.println(Display.controls(line));
      err.flush();
    }
  }

  private Terminal tty(String question) {
    if (!interactive) {
      throw new KeyshellException(
          "no terminal to ask: " + question,
          "pass the answer as a flag (see --help), or run in a terminal");
    }
    if (tty == null) {
      try {
        tty = Terminal.open(device, utf8, err);
      } catch (IOException e) {
        throw new KeyshellException("cannot use the terminal: " + e.getMessage(), null, e);
      }
    }
    return tty;
  }

  /** Lets the terminal go; the next question opens it again. */
  @Override
  public void close() {
    if (tty != null) {
      tty.close();
      tty = null;
    }
  }
}
