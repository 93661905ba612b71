package dev.keyshell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public final class PluginInspectCommand implements Callable<Integer> {
  private final Context ctx;

  public PluginInspectCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return 1;
  }
}
