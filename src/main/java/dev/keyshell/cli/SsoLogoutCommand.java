package dev.keyshell.cli;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.sso.SsoCredentials;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyshell sso logout}: forget every IAM Identity Center token. */
@Command(
    name = "logout",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Forget every IAM Identity Center token keyshell holds.",
      "Each token's portal session is ended too (best effort)."
    })
public final class SsoLogoutCommand implements Callable<Integer> {
  private final Context ctx;

  public SsoLogoutCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    int n =
        SsoCredentials.create(ctx.env, ctx.dirs, ctx.err)
            .logout(
                AwsConfigFiles.of(ctx.env).load(), SelectedProfile.of(Optional.empty(), ctx.env));
    ctx.err.println(
        "keyshell: signed out of IAM Identity Center ("
            + n
            + " sign-in"
            + (n == 1 ? "" : "s")
            + " forgotten)");
    return 0;
  }
}
