package dev.keyshell.cli;

import dev.keyshell.plugin.Plugins;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.UntrustedWarning;
import dev.keyshell.server.CredentialServer;
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
      "Returns the command's exit code.",
      "With --server the command gets no keys: a loopback endpoint serves fresh ones."
    })
public final class ExecCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  @Option(
      names = "--server",
      description =
          "No keys in the environment: a loopback endpoint serves credentials, minted again"
              + " before they expire, for as long as the command runs")
  boolean server;

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
    UntrustedWarning.print(new ScopeLocator(ctx.env, ctx.dirs).all(Plugins.AWS.name()), ctx.err);
    Provisioner p = Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err);
    if (server) {
      return new CredentialServer(ctx.env, () -> p.provision(profile), ctx.err).exec(command);
    }
    return p.exec(profile, command);
  }
}
