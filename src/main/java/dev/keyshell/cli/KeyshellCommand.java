package dev.keyshell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell}: the top of the command tree. */
@Command(
    name = "keyshell",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run the AWS CLI with short-lived credentials minted from 1Password.",
    subcommands = {
      PluginCommand.class,
      ExecCommand.class,
      ExportCommand.class,
      ServeCommand.class,
      LoginCommand.class,
      RotateCommand.class,
      LockCommand.class,
      SsoCommand.class,
      VaultCommand.class,
      CompletionCommand.class
    },
    footer = {
      "",
      "Start with: keyshell plugin init aws",
      "Exit codes: 0 ok, 1 failure, 2 usage error; 'plugin run' and 'exec' return the",
      "command's own exit code (128+N when it died of signal N)."
    })
public final class KeyshellCommand implements Runnable {
  @Option(
      names = "--debug",
      description = "Print stack traces of failures.",
      scope = picocli.CommandLine.ScopeType.INHERIT)
  boolean debug;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
