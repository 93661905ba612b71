package dev.keyshell.cli;

import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.UntrustedWarning;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyshell exec [--profile P] -- CMD ARGS...}: any command with minted credentials. */
@Command(
    name = "exec",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a command with minted STS credentials, as aws-vault exec does.",
      "Returns the command's exit code."
    })
public final class ExecCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  @Parameters(
      arity = "1..*",
      paramLabel = "CMD",
      description = "The command and its arguments, after --")
  List<String> command = new ArrayList<>();

  public ExecCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    UntrustedWarning.print(new ScopeLocator(ctx.env, ctx.dirs).all("aws"), ctx.err);
    return Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err)
        .exec(profile, command);
  }
}
