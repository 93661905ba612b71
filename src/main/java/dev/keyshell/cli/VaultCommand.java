package dev.keyshell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keyshell vault}: manage keyshell's own encrypted local vault. */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage keyshell's encrypted local vault (--store local).",
    subcommands = {VaultListCommand.class, VaultPasswdCommand.class, VaultRestoreCommand.class})
public final class VaultCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
