package dev.keyshell.tty;

import dev.keyshell.core.KeyshellException;

/** The person pressed Ctrl-C or Ctrl-D at a question: nothing was written yet. */
public final class Cancelled extends KeyshellException {
  private static final long serialVersionUID = 1L;

  /** 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C. */
  public static final int EXIT_CODE = 130;

  public Cancelled() {
    super("cancelled; nothing was changed", null, EXIT_CODE, null);
  }
}
