package dev.keyshell.cli;

import dev.keyshell.entry.FastRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keyshell plugin run -- aws ...}. Normally dispatched by {@link dev.keyshell.Main} before
 * picocli loads; this class gives it its help text and serves {@code keyshell --debug plugin run}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Provision credentials and run the command: what the 'aws' function calls.",
      "A bare 'aws', help and version run untouched. Otherwise the profile's chain",
      "is resolved, STS credentials are minted or read from the cache, and the",
      "command runs with only those. Returns the command's exit code."
    })
public final class PluginRunCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      arity = "1..*",
      paramLabel = "COMMAND",
      description = "aws and its arguments, after --")
  List<String> command = new ArrayList<>();

  @Spec CommandSpec spec;

  public PluginRunCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    List<String> args = new ArrayList<>(List.of("plugin", "run", "--"));
    args.addAll(command);
    boolean debug = Cli.debugRequested(spec.commandLine());
    return FastRun.run(args.toArray(String[]::new), ctx.env, ctx.in, ctx.out, ctx.err, debug);
  }
}
