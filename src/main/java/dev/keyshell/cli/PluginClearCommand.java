package dev.keyshell.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "clear", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public final class PluginClearCommand implements Callable<Integer> {
  private final Context ctx;

  public PluginClearCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return 1;
  }
}
