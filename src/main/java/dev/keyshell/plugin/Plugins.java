package dev.keyshell.plugin;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.util.List;
import java.util.Optional;

/**
 * The plugins keyshell knows. To wrap one more program with the AWS credential, add an {@link
 * Executable} to {@link #AWS} and a row to {@code PluginsTest}: the run path, {@code plugins.sh}
 * and {@code plugins.fish}, {@code plugin list} and {@code inspect} all read this.
 */
public final class Plugins {
  private static final List<String> HELP = List.of("help", "-h", "--help");
  private static final List<String> DASH_HELP = List.of("-h", "--help", "-help");
  private static final List<String> NONE = List.of();

  /** The AWS CLI's global options that take a value ({@code aws help}, "GLOBAL OPTIONS"). */
  private static final List<String> AWS_VALUED_OPTIONS =
      List.of(
          "--profile",
          "--region",
          "--output",
          "--query",
          "--endpoint-url",
          "--color",
          "--ca-bundle",
          "--cli-read-timeout",
          "--cli-connect-timeout",
          "--cli-binary-format");

  /** terraform and OpenTofu: commands that read no AWS account (the list). */
  private static final NeedsAuth TERRAFORM =
      NeedsAuth.ifAll(
          new NeedsAuth.NotWithoutArgs(),
          new NeedsAuth.NotForHelpOrVersion(
              DASH_HELP, List.of("-version", "--version", "-v"), NONE),
          new NeedsAuth.NotForCommands(
              List.of("version", "fmt", "validate", "help"), NONE, List.of("-chdir")));

  public static final Plugin AWS =
      new Plugin(
          "aws",
          "AWS",
          new Plugin.CredentialType(
              "access_key",
              "Access Key",
              List.of(
                  new Plugin.FieldSpec(AwsKeys.ACCESS_KEY_ID, false, false),
                  new Plugin.FieldSpec(AwsKeys.SECRET_ACCESS_KEY, true, false),
                  new Plugin.FieldSpec(AwsKeys.DEFAULT_REGION, false, true),
                  new Plugin.FieldSpec(AwsKeys.ONE_TIME_PASSWORD, true, true),
                  new Plugin.FieldSpec(AwsKeys.MFA_SERIAL, false, true))),
          List.of(
              // aws configure and aws sso are aws's own (DESIGN "Provisioning aws", step 1).
              new Executable(
                  "aws",
                  "--profile",
                  NeedsAuth.ifAll(
                      new NeedsAuth.NotWithoutArgs(),
                      new NeedsAuth.NotForHelpOrVersion(
                          HELP, List.of("--version", "-v"), List.of("version")),
                      new NeedsAuth.NotForCommands(
                          List.of("configure", "sso"),
                          List.of("configure export-credentials"),
                          AWS_VALUED_OPTIONS))),
              new Executable(
                  "cdk",
                  "--profile",
                  NeedsAuth.ifAll(
                      new NeedsAuth.NotWithoutArgs(),
                      new NeedsAuth.NotForHelpOrVersion(
                          List.of("-h", "--help"), List.of("--version"), NONE),
                      new NeedsAuth.NotForCommands(
                          List.of("docs", "doc", "init", "acknowledge", "ack", "notices"),
                          NONE,
                          List.of("--profile", "--app", "-a", "--output", "-o")))),
              new Executable(
                  "sam",
                  "--profile",
                  NeedsAuth.ifAll(
                      new NeedsAuth.NotWithoutArgs(),
                      new NeedsAuth.NotForHelpOrVersion(
                          List.of("-h", "--help"), List.of("--version", "--info"), NONE),
                      new NeedsAuth.NotForCommands(List.of("init"), NONE, NONE))),
              new Executable(
                  "eksctl",
                  "--profile",
                  NeedsAuth.ifAll(
                      new NeedsAuth.NotWithoutArgs(),
                      new NeedsAuth.NotForHelpOrVersion(List.of("-h", "--help"), NONE, NONE),
                      new NeedsAuth.NotForCommands(
                          List.of("version", "completion", "help", "info"), NONE, NONE))),
              new Executable(
                  "awslogs",
                  "--profile",
                  NeedsAuth.ifAll(
                      new NeedsAuth.NotWithoutArgs(),
                      new NeedsAuth.NotForHelpOrVersion(
                          List.of("-h", "--help"), List.of("--version"), NONE))),
              new Executable("terraform", null, TERRAFORM),
              new Executable("tofu", null, TERRAFORM)),
          List.of("~/.aws/credentials (--import-profile)", "environment (--import-env)"),
          List.of(
              "AWS_ACCESS_KEY_ID",
              "AWS_SECRET_ACCESS_KEY",
              "AWS_SESSION_TOKEN",
              "AWS_CREDENTIAL_EXPIRATION",
              "AWS_REGION",
              "AWS_DEFAULT_REGION"));

  private static final List<Plugin> ALL = List.of(AWS);

  private Plugins() {}

  public static List<Plugin> all() {
    return ALL;
  }

  public static Optional<Plugin> named(String name) {
    for (Plugin p : ALL) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The plugin called {@code name}, or the usage error naming the plugins there are. */
  public static Plugin require(String name) {
    return named(name)
        .orElseThrow(
            () ->
                KeyshellException.usage(
                    "unknown plugin '" + name + "'",
                    "the plugins are: " + String.join(", ", names()) + " (keyshell plugin list)"));
  }

  private static List<String> names() {
    return ALL.stream().map(Plugin::name).toList();
  }

  /** The plugin that wraps the executable {@code name}, or null. */
  public static Plugin wrapping(String name) {
    for (Plugin p : ALL) {
      if (p.executable(name) != null) {
        return p;
      }
    }
    return null;
  }
}
