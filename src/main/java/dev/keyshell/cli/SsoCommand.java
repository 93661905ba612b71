package dev.keyshell.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keyshell sso}: sign in to and out of IAM Identity Center. */
@Command(
    name = "sso",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Sign in to and out of IAM Identity Center (tokens kept encrypted).",
    subcommands = {SsoLoginCommand.class, SsoLogoutCommand.class})
public final class SsoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
