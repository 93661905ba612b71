package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.MFA;
import static dev.keyshell.it.AwsFunctionIT.ROLE_ARN;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.TOTP_SECRET;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sandbox user set up as the quick start does: key and MFA device in the local vault. */
final class Users {
  /** [default] with MFA and eu-west-1; [profile dev-admin] assumes the role from it. */
  static final String CONFIG =
      "[default]\nregion = eu-west-1\nmfa_serial = "
          + MFA
          + "\n\n[profile dev-admin]\nrole_arn = "
          + ROLE_ARN
          + "\nsource_profile = default\n";

  private Users() {}

  /**
   * {@code plugin init aws} importing [default] with the MFA device into {@code store}, global
   * scope, as the quick start does; {@code extra} flags go before {@code --yes}.
   */
  static Sandbox.Result importDefault(Sandbox box, String store, String... extra) {
    List<String> flags =
        new ArrayList<>(List.of("--mfa-serial", MFA, "--otp-stdin", "--scope", "global"));
    flags.addAll(List.of(extra));
    return importProfile(box, TOTP_SECRET, store, "default", flags.toArray(String[]::new));
  }

  /**
   * {@code plugin init aws --store STORE --import-profile PROFILE EXTRA... --yes}, with {@code
   * stdin} (or none) as its input.
   */
  static Sandbox.Result importProfile(
      Sandbox box, String stdin, String store, String profile, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of("plugin", "init", "aws", "--store", store, "--import-profile", profile));
    args.addAll(List.of(extra));
    args.add("--yes");
    return box.keyshell(stdin, args.toArray(String[]::new));
  }

  /** Initialised, with STS reached through {@code AWS_ENDPOINT_URL_STS}. */
  static Sandbox initialised(Path tmp, StsStandIn sts, String config) throws IOException {
    return initialised(
        tmp,
        sts,
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n",
        config);
  }

  /** The same from these credentials and config files; [default] is imported. */
  static Sandbox initialised(Path tmp, StsStandIn sts, String credentials, String config)
      throws IOException {
    return initialised(new Sandbox(tmp), sts, credentials, config);
  }

  /** {@link #initialised(Path, StsStandIn, String)} as {@code user}, not root. */
  static Sandbox initialisedAs(SystemUser user, Path tmp, StsStandIn sts, String config)
      throws IOException, InterruptedException {
    Sandbox box = new Sandbox(tmp);
    user.runs(box);
    prepare(
        box,
        sts,
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n",
        config);
    user.own(box.root); // what root just wrote is the user's
    importDefault(box, "local", "--remove-plaintext").ok();
    return box;
  }

  /**
   * A user whose key has no MFA device: [default] imported into the local vault, global scope.
   * Every mint is a plain GetSessionToken, so a test never waits for the next TOTP step.
   */
  static Sandbox withoutMfa(Path root, StsStandIn sts) throws IOException {
    Sandbox box = new Sandbox(root);
    prepare(
        box,
        sts,
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n",
        "[default]\nregion = eu-west-1\n");
    importProfile(box, null, "local", "default", "--scope", "global", "--remove-plaintext").ok();
    return box;
  }

  private static void prepare(Sandbox box, StsStandIn sts, String credentials, String config) {
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(credentials);
    box.config(config);
  }

  private static Sandbox initialised(
      Sandbox box, StsStandIn sts, String credentials, String config) {
    prepare(box, sts, credentials, config);
    importDefault(box, "local", "--remove-plaintext").ok();
    return box;
  }
}
