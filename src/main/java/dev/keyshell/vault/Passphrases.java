package dev.keyshell.vault;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.Prompter;
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
  char[] existing() {
    if (fromEnv()) {
      return env.vars().get(ENV).toCharArray();
    }
    requireTerminal();
    return prompter.askSecret("Passphrase of the keyshell local vault");
  }

  /** A passphrase for a new vault: long enough and, on the terminal, typed twice. */
  char[] chooseNew() {
    if (fromEnv()) {
      char[] p = env.vars().get(ENV).toCharArray();
      if (p.length < MIN_LENGTH) {
        Arrays.fill(p, '\0');
        throw new KeyshellException(
            ENV + " is shorter than " + MIN_LENGTH + " characters",
            "choose a longer passphrase for the new local vault");
      }
      return p;
    }
    requireTerminal();
    prompter.say(
        "keyshell: creating the local vault; choose a passphrase (it cannot be recovered)");
    char[] first =
        prompter.askSecret("New vault passphrase (at least " + MIN_LENGTH + " characters)");
    if (first.length < MIN_LENGTH) {
      Arrays.fill(first, '\0');
      throw new KeyshellException(
          "the passphrase is shorter than " + MIN_LENGTH + " characters",
          "run the command again and choose a longer passphrase");
    }
    char[] second = prompter.askSecret("Repeat the passphrase");
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new KeyshellException(
            "the two passphrases differ", "run the command again and type the same one twice");
      }
      return first;
    } finally {
      Arrays.fill(second, '\0');
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
