package dev.keyshell.setup.wizard;

import dev.keyshell.core.AsciiOutput;
import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The wizard's questions on {@code /dev/tty}: arrow-key menus where the terminal can draw them, a
 * numbered list where it cannot ({@code TERM} unset or {@code dumb}), so it works over SSH, in
 * screen readers' plain consoles and without a mouse.
 */
public final class TtyQuestions implements Questions, AutoCloseable {
  private final boolean interactive;
  private final boolean arrows;
  private final PrintStream err;
  private final boolean utf8;
  private Tty tty;

  /** {@code interactive}: whether a terminal is there to ask (see TtyPrompter). */
  public TtyQuestions(Env env, boolean interactive, PrintStream err) {
    this.interactive = interactive;
    String term = env.get("TERM").orElse("dumb");
    this.arrows = !term.equals("dumb") && !"1".equals(env.vars().get("KEYSHELL_PLAIN_MENUS"));
    this.err = err;
    this.utf8 = AsciiOutput.utf8(env);
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public int choose(String question, List<String> options, int preselected) {
    Tty t = tty(question);
    return arrows
        ? new ArrowMenu(t).choose(question, options, preselected)
        : new NumberedMenu(t).choose(question, options, preselected);
  }

  @Override
  public String ask(String question, String defaultValue) {
    Tty t = tty(question);
    t.print(
        "? "
            + question
            + (defaultValue == null || defaultValue.isEmpty()
                ? ""
                : " [" + Display.text(defaultValue) + "]")
            + " ");
    String line = t.readLine().trim();
    return line.isEmpty() ? defaultValue : line;
  }

  @Override
  public char[] askSecret(String question) {
    Tty t = tty(question);
    t.print("? " + question + " (typing is hidden) ");
    return t.readSecret();
  }

  @Override
  public boolean confirm(String question, boolean defaultYes) {
    while (true) {
      String answer = ask(question + (defaultYes ? " (Y/n)" : " (y/N)"), null);
      if (answer == null) {
        return defaultYes;
      }
      String a = answer.toLowerCase(Locale.ROOT);
      if (a.equals("y") || a.equals("yes")) {
        return true;
      }
      if (a.equals("n") || a.equals("no")) {
        return false;
      }
      say("  Please answer y or n.");
    }
  }

  @Override
  public void say(String line) {
    if (tty != null) {
      tty.print(Display.controls(line) + "\n");
    } else {
      err.println(Display.controls(line));
      err.flush();
    }
  }

  private Tty tty(String question) {
    if (!interactive) {
      throw new KeyshellException(
          "no terminal to ask: " + question,
          "pass the answer as a flag (see --help), or run in a terminal");
    }
    if (tty == null) {
      tty = Tty.open(err, utf8);
    }
    return tty;
  }

  @Override
  public void close() {
    if (tty != null) {
      tty.close();
      tty = null;
    }
  }
}
