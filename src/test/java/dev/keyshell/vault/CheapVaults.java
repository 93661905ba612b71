package dev.keyshell.vault;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;

/** The real local vault with a cheap KDF, for tests outside this package. */
public final class CheapVaults {
  private CheapVaults() {}

  /** A vault under {@code dirs} unlocked by {@code KEYSHELL_VAULT_PASSPHRASE} in {@code env}. */
  public static LocalVaultStore unattended(Env env, Dirs dirs) {
    return new LocalVaultStore(env, dirs, ScriptedPrompter.noTerminal(), TestVaults.ITERATIONS);
  }
}
