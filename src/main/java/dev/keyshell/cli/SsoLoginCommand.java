package dev.keyshell.cli;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.sso.SsoCredentials;
import dev.keyshell.sso.SsoSession;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.profiles.ProfileFile;

/** {@code keyshell sso login}: sign in to a profile's IAM Identity Center session. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Sign in to IAM Identity Center, unless the token is still good.",
      "The token is kept encrypted in keyshell's cache and refreshed silently."
    })
public final class SsoLoginCommand implements Callable<Integer> {
  private final Context ctx;

  @ArgGroup(exclusive = true)
  Which which;

  static final class Which {
    @Option(
        names = "--profile",
        paramLabel = "P",
        description = "AWS profile whose session to sign in (default: $AWS_PROFILE)")
    String profile;

    @Option(
        names = "--sso-session",
        paramLabel = "S",
        description = "The [sso-session S] to sign in")
    String session;
  }

  @Option(names = "--force", description = "Sign in again even if the token is still good.")
  boolean force;

  public SsoLoginCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ProfileFile files = AwsConfigFiles.of(ctx.env).load();
    String profile =
        SelectedProfile.of(Optional.ofNullable(which == null ? null : which.profile), ctx.env);
    SsoSession session =
        which != null && which.session != null
            ? SsoCredentials.namedSession(files, which.session)
            : SsoCredentials.sessionOfProfile(files, profile);
    String status =
        SsoCredentials.create(ctx.env, ctx.dirs, ctx.err).login(session, files, profile, force);
    ctx.err.println("keyshell: " + status);
    return 0;
  }
}
