package dev.keyshell.cli;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.setup.AwsVaultKeys;
import dev.keyshell.setup.ImportedKeys;
import dev.keyshell.tty.Prompter;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --import-aws-vault PROFILE}: the key pair read from aws-vault's file backend, handed to
 * the import as {@code --import-env} reads keys (this process's view of the environment only).
 */
final class AwsVaultImport {
  static final String PASSPHRASE = "AWS_VAULT_FILE_PASSPHRASE";

  private AwsVaultImport() {}

  static Env asEnvironment(Env env, Prompter prompter, String profile) {
    AwsVaultKeys vault = AwsVaultKeys.of(env);
    char[] passphrase;
    if (env.get(PASSPHRASE).isPresent()) {
      passphrase = env.vars().get(PASSPHRASE).toCharArray();
    } else if (prompter.interactive()) {
      passphrase =
          prompter.askSecret("Passphrase of aws-vault's file backend (" + vault.dir() + "):");
    } else {
      throw new KeyshellException(
          "no terminal to ask for the passphrase of aws-vault's file backend",
          "set " + PASSPHRASE + ", or run in a terminal");
    }
    ImportedKeys keys = vault.read(profile, passphrase);
    Map<String, String> vars = new HashMap<>(env.vars());
    for (String name :
        new String[] {
          "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", PASSPHRASE
        }) {
      vars.remove(name);
    }
    vars.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
    vars.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey());
    return new Env(vars, env.home(), env.cwd());
  }
}
