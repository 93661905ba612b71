package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.tty.Prompter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Holds the key that opens the vault, finding it in memory, at the session agent, or by running the
 * KDF over the passphrase; and chooses the key of a new vault.
 */
final class VaultUnlock {
  private static final int PROMPT_ATTEMPTS = 3;
  private static final int SALT_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path vault;
  private final Passphrases passphrases;
  private final AgentClient agent;
  private final Prompter prompter;
  private final int iterations;
  private VaultKey key;

  VaultUnlock(Path vault, Env env, Dirs dirs, Prompter prompter, int iterations) {
    this.vault = vault;
    this.passphrases = new Passphrases(env, prompter);
    this.agent = new AgentClient(env, dirs, prompter);
    this.prompter = prompter;
    this.iterations = iterations;
  }

  /** The key that opens the vault whose header is {@code header}. */
  VaultKey keyFor(VaultHeader header) {
    if (key != null && key.opens(header)) {
      return key;
    }
    forget();
    VaultKey kept = agent.fetch().orElse(null);
    if (kept != null && kept.opens(header)) {
      key = kept;
      return key;
    }
    if (kept != null) {
      kept.close(); // it keeps another vault's key: replaced below once this one is unlocked
    }
    int attempts = passphrases.fromEnv() ? 1 : PROMPT_ATTEMPTS;
    for (int attempt = 1; ; attempt++) {
      VaultKey candidate = derive(passphrases.existing(), header.salt(), header.iterations());
      if (candidate.opens(header)) {
        key = candidate;
        agent.keep(key);
        return key;
      }
      candidate.close();
      if (attempt >= attempts) {
        throw new KeyshellException(
            "wrong passphrase for the local vault " + vault,
            passphrases.fromEnv()
                ? "check " + Passphrases.ENV
                : "run the command again; a forgotten passphrase cannot be recovered (see"
                    + " docs/local-vault.md)");
      }
      prompter.say("keyshell: wrong passphrase, try again");
    }
  }

  /** A new vault's header, from a newly chosen passphrase and a random salt. */
  VaultHeader initialise() {
    forget();
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    key = derive(passphrases.chooseNew(), salt, iterations);
    return VaultHeader.create(iterations, salt, key.check());
  }

  /** A new header and key for the same vault: a new passphrase and a new random salt. */
  VaultHeader rekey() {
    forget();
    byte[] salt = new byte[SALT_LENGTH];
    RANDOM.nextBytes(salt);
    key = derive(passphrases.chooseReplacement(), salt, iterations);
    return VaultHeader.create(iterations, salt, key.check());
  }

  /** Hands the current key to the session agent (after a new vault was first written). */
  void keepForSession() {
    if (key != null) {
      agent.keep(key);
    }
  }

  private static VaultKey derive(char[] passphrase, byte[] salt, int iterations) {
    try {
      return VaultKey.derive(passphrase, salt, iterations);
    } finally {
      Arrays.fill(passphrase, '\0');
    }
  }

  private void forget() {
    if (key != null) {
      key.close();
      key = null;
    }
  }
}
