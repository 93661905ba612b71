package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.MFA;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.TOTP_SECRET;
import static dev.keyshell.it.AwsFunctionIT.USER_ARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.otp.TotpSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MFA codes from elsewhere than the item: an item with no TOTP secret, a profile with mfa_serial,
 * and the code from the profile's mfa_process or typed by the user, under credential_process too.
 */
class MfaSourcesIT {
  private static final String CONFIG = "[default]\nregion = eu-west-1\nmfa_serial = " + MFA + "\n";

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;
  Tmux tty;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = new Sandbox(tmp);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
    box.config(CONFIG);
    Users.importProfile(box, null, "local", "default", "--scope", "global", "--remove-plaintext")
        .ok();
  }

  @AfterEach
  void tearDown() {
    if (tty != null) {
      tty.close();
    }
    box.keyshell(null, "lock");
    sts.close();
  }

  private Map<String, String> mint() {
    List<StsStandIn.Call> calls = sts.calls("GetSessionToken");
    assertEquals(1, calls.size(), "one GetSessionToken");
    return calls.get(0).params();
  }

  @Test
  void the_profiles_mfa_process_prints_the_code_that_goes_to_sts() throws Exception {
    Path helper = box.write("home/bin/mfa-helper", "#!/bin/sh\necho \"$1\" > ran\necho 314159\n");
    Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwx------"));
    box.config(CONFIG + "mfa_process = " + helper + " from-config\n");

    box.keyshell(null, "export", "--format", "json").ok();

    assertEquals("314159", mint().get("TokenCode"));
    assertEquals(MFA, mint().get("SerialNumber"));
    assertEquals("from-config\n", Files.readString(box.home.resolve("ran")));
  }

  @Test
  void without_a_terminal_or_another_source_it_is_one_line_and_nothing_is_minted() {
    Sandbox.Result r = box.keyshell(null, "export", "--format", "json");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "keyshell: MFA device "
                    + MFA
                    + " needs a one-time code, and there is no terminal to type it on\n"),
        r.err());
    assertEquals(List.of(), sts.calls("GetSessionToken"));
  }

  @Test
  void the_stored_item_gets_its_totp_secret_added_and_removed_after_a_confirmation() {
    String[] edit = {"plugin", "init", "aws", "--item", "AWS default", "--mfa-serial", MFA};
    String[] add = concat(edit, "--otp-stdin");

    Sandbox.Result unconfirmed = box.keyshell(TOTP_SECRET, add);
    assertEquals(2, unconfirmed.exit(), unconfirmed.toString());
    assertTrue(unconfirmed.err().contains("no terminal to confirm"), unconfirmed.toString());

    Sandbox.Result added = box.keyshell(TOTP_SECRET, concat(add, "--yes")).ok();
    assertTrue(added.err().contains("Updated 'AWS default' (AKIA"), added.toString());
    assertFalse(added.err().contains(TOTP_SECRET), "the secret is never echoed");
    box.keyshell(null, "export", "--format", "json").ok();
    Instant sent = Instant.ofEpochMilli(sts.calls().get(0).atMillis());
    String code = mint().get("TokenCode");
    assertTrue(
        code.equals(TotpSecret.parse(TOTP_SECRET).codeAt(sent))
            || code.equals(TotpSecret.parse(TOTP_SECRET).codeAt(sent.minusSeconds(30))),
        "the code of the stored secret");

    box.keyshell(null, "lock").ok();
    box.keyshell(null, concat(edit, "--remove-otp", "--yes")).ok();
    Sandbox.Result none = box.keyshell(null, "export", "--format", "json");
    assertEquals(1, none.exit(), none.toString());
    assertTrue(none.err().contains("there is no terminal to type it on"), none.toString());
  }

  @Test
  void an_import_whose_codes_come_from_a_yubikey_mints_with_the_code_ykman_prints()
      throws Exception {
    Path ykman =
        box.write("home/bin/ykman", "#!/bin/sh\nprintf '%s\\n' \"$@\" > ykman-args\necho 271828\n");
    Files.setPosixFilePermissions(ykman, PosixFilePermissions.fromString("rwx------"));
    box.env.put("PATH", box.home.resolve("bin") + ":" + Sandbox.PATH);
    box.credentials("[yk]\naws_access_key_id = AKIAYUBIKEYEXAMPLE01\naws_secret_access_key = s\n");
    box.config(CONFIG + "[profile yk]\nregion = eu-west-1\n");
    String account = "Amazon Web Services:alice@111122223333";
    Users.importProfile(
            box,
            null,
            "local",
            "yk",
            "--mfa-serial",
            MFA,
            "--yubikey-account",
            account,
            "--scope",
            "global")
        .ok();

    box.keyshell(null, "export", "--profile", "yk", "--format", "json").ok();

    assertEquals("271828", mint().get("TokenCode"));
    assertEquals(
        "oath\naccounts\ncode\n--single\n" + account + "\n",
        Files.readString(box.home.resolve("ykman-args")));
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void a_code_typed_on_the_terminal_serves_the_real_aws_through_credential_process()
      throws Exception {
    box.config(
        CONFIG
            + "\n[profile tool]\nregion = eu-west-1\ncredential_process = "
            + Sandbox.KEYSHELL
            + " export --profile default --format json\n");
    box.env.remove("KEYSHELL_NO_TTY");
    box.env.put("TERM", "xterm-256color");
    tty = new Tmux(tmp, box.env, WizardIT.SCREENS);
    tty.line("cd " + box.home);
    tty.start(
        "/usr/bin/aws sts get-caller-identity --profile tool --output text --query Arn"
            + " --endpoint-url "
            + sts.url());
    // The AWS CLI holds a credential_process's stderr back: the prompt must reach the terminal.
    tty.waitFor("MFA code for " + MFA + ": ");
    tty.snapshot("mfa-typed-credential-process");
    tty.line("271828");
    assertEquals(0, tty.exitCode(), tty.screen());
    assertTrue(tty.screen().contains(USER_ARN), tty.screen());
    assertEquals("271828", mint().get("TokenCode"));
  }
}
