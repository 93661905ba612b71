package dev.keyshell.cli;

import dev.keyshell.provision.Provisioner;
import dev.keyshell.rotate.KeyRotation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell rotate}: a new IAM access key in the item, the old one deleted. */
@Command(
    name = "rotate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Rotate the long-lived access key of the item that serves the profile: create a new",
      "key in IAM, store it and read it back, wait until STS accepts it, then delete the old",
      "key and drop the sessions minted from it. The item always holds a key that works."
    })
public final class RotateCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  @Option(names = "--yes", description = "Rotate without asking")
  boolean yes;

  public RotateCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Provisioner p = Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err);
    new KeyRotation(
            ctx.env,
            ctx.dirs,
            ctx.stores(),
            p,
            ctx.prompter(),
            ctx.err,
            d -> Thread.sleep(d.toMillis()))
        .rotate(profile, yes);
    return 0;
  }
}
