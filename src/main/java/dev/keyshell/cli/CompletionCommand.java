package dev.keyshell.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyshell completion bash|zsh}: a completion script generated from the command model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a completion script for bash or zsh:",
      "  source <(keyshell completion bash)"
    })
public final class CompletionCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh")
  String shell;

  public CompletionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("keyshell", Cli.commandLine(ctx));
    ctx.out.print(script);
    ctx.out.flush();
    return 0;
  }
}
