package dev.keyshell.setup;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.tty.Prompter;
import java.util.Locale;

/** A (y/N) question before a change the user asked for; {@code --yes} answers it. */
public final class Confirm {
  private Confirm() {}

  /** Returns when the change may go ahead; else throws, nothing changed. */
  public static void change(Prompter prompter, boolean yes, String question, String what) {
    if (yes) {
      return;
    }
    if (!prompter.interactive()) {
      throw KeyshellException.usage(
          "no terminal to confirm " + what, "add --yes to go ahead without asking");
    }
    String a = prompter.ask(question + " (y/N)", "n");
    if (a == null || !a.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
      throw new KeyshellException("nothing was changed", null);
    }
  }
}
