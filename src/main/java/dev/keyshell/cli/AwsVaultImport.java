package dev.keyshell.cli;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.setup.AwsVaultKeys;
import dev.keyshell.tty.Prompter;

/**
 * {@code --import-aws-vault PROFILE}: the key pair read from aws-vault's file backend, with the
 * passphrase from {@code AWS_VAULT_FILE_PASSPHRASE} as aws-vault reads it, else asked on the
 * terminal; the import then goes as the wizard's aws-vault choice goes.
 */
final class AwsVaultImport {
  private AwsVaultImport() {}

  static AwsVaultKeys.Imported read(Env env, Prompter prompter, String profile) {
    AwsVaultKeys vault = AwsVaultKeys.of(env);
    char[] passphrase;
    if (env.get(AwsVaultKeys.PASSPHRASE).isPresent()) {
      passphrase = env.vars().get(AwsVaultKeys.PASSPHRASE).toCharArray();
    } else if (prompter.interactive()) {
      passphrase =
          prompter.askSecret("Passphrase of aws-vault's file backend (" + vault.dir() + "):");
    } else {
      throw new KeyshellException(
          "no terminal to ask for the passphrase of aws-vault's file backend",
          "set " + AwsVaultKeys.PASSPHRASE + ", or run in a terminal");
    }
    return new AwsVaultKeys.Imported(profile, vault.read(profile, passphrase));
  }
}
