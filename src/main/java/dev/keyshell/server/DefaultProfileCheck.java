package dev.keyshell.server;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.util.List;
import software.amazon.awssdk.profiles.Profile;

/**
 * Refuses to serve a child whose {@code [default]} profile carries its own credential setting: with
 * no {@code AWS_PROFILE}, every SDK reads {@code [default]} before the container endpoint (E10 in
 * conformance/ecs), so the child would run as another identity than the one chosen.
 */
final class DefaultProfileCheck {
  /** Settings that give a profile credentials of its own, in the SDKs' chains. */
  static final List<String> CREDENTIAL_SETTINGS =
      List.of(
          "aws_access_key_id",
          "role_arn",
          "credential_process",
          "credential_source",
          "web_identity_token_file",
          "sso_session",
          "sso_start_url",
          "sso_account_id");

  private DefaultProfileCheck() {}

  static void check(Env env) {
    AwsConfigFiles files = AwsConfigFiles.of(env);
    Profile p = files.load().profile("default").orElse(null);
    if (p == null) {
      return;
    }
    for (String setting : CREDENTIAL_SETTINGS) {
      if (p.property(setting).isPresent()) {
        throw new KeyshellException(
            "the default AWS profile has "
                + setting
                + ", which the command's SDKs would use before keyshell's endpoint",
            setting.equals("aws_access_key_id")
                ? "import it (keyshell plugin init aws --import-profile default --remove-plaintext),"
                    + " or use keyshell exec without --server"
                : "move it out of [default] in "
                    + files.config()
                    + ", or use keyshell exec without --server");
      }
    }
  }
}
