package dev.keyshell.cli;

import dev.keyshell.core.KeyshellException;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyshell completion bash|zsh|fish}: a completion script generated from the model. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a shell completion script generated from keyshell's commands.",
      "bash:  source <(keyshell completion bash)        (add it to ~/.bashrc)",
      "zsh:   source <(keyshell completion zsh)         (add it to ~/.zshrc)",
      "fish:  keyshell completion fish > ~/.config/fish/completions/keyshell.fish"
    })
public final class CompletionCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      index = "0",
      paramLabel = "SHELL",
      defaultValue = "bash",
      description = "bash (the default), zsh or fish")
  String shell;

  public CompletionCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    CommandLine model = Cli.commandLine(ctx);
    String script =
        switch (shell) {
          // picocli's script serves zsh too, through zsh's bashcompinit (it loads it itself).
          case "bash", "zsh" -> AutoComplete.bash("keyshell", model);
          case "fish" -> FishCompletion.script(model);
          default ->
              throw KeyshellException.usage(
                  "no completion for shell '" + shell + "'", "use bash, zsh or fish");
        };
    ctx.out.print(script);
    ctx.out.flush();
    return 0;
  }
}
