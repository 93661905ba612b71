package dev.keyshell.vault;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.tty.Prompter;
import java.util.Arrays;

/**
 * Where the vault passphrase comes from: {@code KEYSHELL_VAULT_PASSPHRASE} for unattended use, else
 * a question on the terminal. The caller clears every array it is given.
 */
final class Passphrases {
  static final String ENV = "KEYSHELL_VAULT_PASSPHRASE";
  static final int MIN_LENGTH = 8;

  private final Env env;
  private final Prompter prompter;

  Passphrases(Env env, Prompter prompter) {
    this.env = env;
    this.prompter = prompter;
  }

  /** Whether the passphrase comes from the environment (so a wrong one is not asked again). */
  boolean fromEnv() {
    return env.vars().containsKey(ENV) && !env.vars().get(ENV).isEmpty();
  }

  /** The passphrase of an existing vault. */
  /** How often a new passphrase may be mistyped before init gives up. */
  private static final int NEW_ATTEMPTS = 3;

  char[] existing() {
    // Before asking: a rerun with the full JIT must not ask the person a second time.
    dev.keyshell.core.FullJitNeeded.checkBeforeKdf();
    if (fromEnv()) {
      return env.vars().get(ENV).toCharArray();
    }
    requireTerminal();
    return prompter.askSecret("Passphrase of the keyshell local vault:");
  }

  /** The variable that gives {@code keyshell vault passwd} its new passphrase unattended. */
  static final String NEW_ENV = "KEYSHELL_VAULT_NEW_PASSPHRASE";

  /** A passphrase for a new vault: long enough and, on the terminal, typed twice. */
  char[] chooseNew() {
    return chooseNew(ENV);
  }

  /** The replacement passphrase of {@code vault passwd}: {@value #NEW_ENV}, else typed twice. */
  char[] chooseReplacement() {
    return chooseNew(NEW_ENV);
  }

  private char[] chooseNew(String variable) {
    dev.keyshell.core.FullJitNeeded.checkBeforeKdf();
    String fromEnv = env.vars().get(variable);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      char[] p = fromEnv.toCharArray();
      if (p.length < MIN_LENGTH) {
        Arrays.fill(p, '\0');
        throw new KeyshellException(
            variable + " is shorter than " + MIN_LENGTH + " characters",
            "choose a longer passphrase for the new local vault");
      }
      return p;
    }
    requireTerminal();
    prompter.say(
        "keyshell: creating the local vault; choose a passphrase (it cannot be recovered)");
    for (int attempt = 1; ; attempt++) {
      char[] first =
          prompter.askSecret("New vault passphrase (at least " + MIN_LENGTH + " characters):");
      String problem = null;
      if (first.length < MIN_LENGTH) {
        problem = "the passphrase is shorter than " + MIN_LENGTH + " characters";
      } else {
        char[] second = prompter.askSecret("Repeat the passphrase:");
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (same) {
          return first;
        }
        problem = "the two passphrases differ";
      }
      Arrays.fill(first, '\0');
      if (attempt == NEW_ATTEMPTS) {
        throw new KeyshellException(
            problem,
            "run the command again; the passphrase needs "
                + MIN_LENGTH
                + " characters or more, typed the same twice");
      }
      prompter.say("keyshell: " + problem + "; try again");
    }
  }

  private void requireTerminal() {
    if (!prompter.interactive()) {
      throw new KeyshellException(
          "the local vault is locked and there is no terminal to ask for its passphrase",
          "run in a terminal, or set " + ENV + " for unattended use");
    }
  }
}
