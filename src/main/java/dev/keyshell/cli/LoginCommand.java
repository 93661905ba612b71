package dev.keyshell.cli;

import dev.keyshell.console.Browser;
import dev.keyshell.console.ConsoleLogin;
import dev.keyshell.provision.Provisioner;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell login}: the AWS console in a browser, signed in as the profile. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Open the AWS console signed in as the profile: its role session, or an IAM",
      "user's federation token. The sign-in URL is valid for 15 minutes."
    })
public final class LoginCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  @Option(names = "--stdout", description = "Print the sign-in URL instead of opening it")
  boolean stdout;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "The console's region (default: the profile's)")
  String region;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      description = "Console page, e.g. ec2/home (default: console/home)")
  String path;

  public LoginCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Provisioner p = Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err);
    String url =
        new ConsoleLogin(ctx.env, ctx.dirs, ctx.stores(), p)
            .url(profile, Optional.ofNullable(region), Optional.ofNullable(path));
    if (stdout) {
      ctx.out.println(url);
      ctx.out.flush();
    } else {
      new Browser(ctx.env, ctx.out, ctx.err).open(url);
    }
    return 0;
  }
}
