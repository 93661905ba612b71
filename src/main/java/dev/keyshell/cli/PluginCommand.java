package dev.keyshell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keyshell plugin}: set up and manage shell plugins. */
@Command(
    name = "plugin",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Set up and manage shell plugins (aws).",
    subcommands = {
      PluginInitCommand.class,
      PluginRunCommand.class,
      PluginListCommand.class,
      PluginInspectCommand.class,
      PluginClearCommand.class,
      PluginTrustCommand.class
    })
public final class PluginCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
