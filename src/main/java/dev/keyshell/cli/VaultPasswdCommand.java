package dev.keyshell.cli;

import dev.keyshell.vault.LocalVaultStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyshell vault passwd}: re-encrypt the local vault under a new passphrase. */
@Command(
    name = "passwd",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Re-encrypt the local vault under a new passphrase and salt, all or nothing.",
      "Unattended: the old one in KEYSHELL_VAULT_PASSPHRASE, the new one in",
      "KEYSHELL_VAULT_NEW_PASSPHRASE."
    })
public final class VaultPasswdCommand implements Callable<Integer> {
  private final Context ctx;

  public VaultPasswdCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    new LocalVaultStore(ctx.env, ctx.dirs, ctx.prompter()).changePassphrase();
    ctx.err.println("keyshell: the local vault now opens with the new passphrase only");
    return 0;
  }
}
