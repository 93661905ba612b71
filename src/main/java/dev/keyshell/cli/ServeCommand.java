package dev.keyshell.cli;

import dev.keyshell.provision.Provisioner;
import dev.keyshell.server.CredentialServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell serve [--profile P]}: the credential endpoint in the foreground. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Serve credentials on a local endpoint until Ctrl-C, for an IDE or another",
      "long-running program. Prints the two variables to set (fish syntax when",
      "$SHELL is fish). Ctrl-C exits 130."
    })
public final class ServeCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  public ServeCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Provisioner p = Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err);
    return new CredentialServer(ctx.env, () -> p.provision(profile), ctx.err)
        .serve(ctx.out, ctx.env.get("SHELL").orElse(""));
  }
}
