package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.otp.TotpSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The product as a user meets it: init on the local vault, {@code plugins.sh} sourced in a real
 * shell, and the real AWS CLI run through the {@code aws} function against a local STS.
 */
class AwsFunctionIT {
  static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String MFA = "arn:aws:iam::111122223333:mfa/demo";
  static final String TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  static final String USER_ARN = "arn:aws:iam::111122223333:user/demo";
  static final String ROLE_ARN = "arn:aws:iam::444455556666:role/admin";

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box =
        Users.initialised(
            tmp,
            sts,
            "# work\n[default]\naws_access_key_id = "
                + KEY_ID
                + "\naws_secret_access_key = "
                + SECRET
                + "\n\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = x\n",
            Users.CONFIG + "role_session_name = alice\n");
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  @Test
  void init_leaves_no_key_material_in_clear_under_home_or_the_runtime_dir() throws Exception {
    String creds = Files.readString(box.home.resolve(".aws/credentials"));
    assertEquals(
        "# work\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = x\n",
        creds);
    for (String secret : List.of(KEY_ID, SECRET, TOTP_SECRET)) {
      assertEquals(List.of(), Sandbox.filesContaining(box.home, secret), secret);
      assertEquals(List.of(), Sandbox.filesContaining(box.runtime, secret), secret);
    }
  }

  @Test
  void everything_keyshell_writes_is_private_to_the_user() throws Exception {
    box.shell(
            "bash", source("bash") + " && aws sts get-caller-identity --endpoint-url " + sts.url())
        .ok();
    List<Path> roots =
        List.of(
            box.home.resolve(".config/keyshell"),
            box.home.resolve(".local/share/keyshell"),
            box.home.resolve(".cache/keyshell"),
            box.runtime.resolve("keyshell"));
    int seen = 0;
    for (Path root : roots) {
      try (var walk = Files.walk(root)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (Files.isSymbolicLink(p) || p.toString().endsWith(".sock")) {
            continue;
          }
          String mode =
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(p));
          assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
          seen++;
        }
      }
    }
    assertTrue(seen > 10, "checked " + seen + " paths");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh", "fish"})
  void plain_aws_runs_with_a_session_minted_with_the_mfa_code_and_then_cached(String shell) {
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    Sandbox.Result r = box.shell(shell, source(shell) + " && " + call + " && " + call).ok();
    assertEquals(USER_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());

    List<StsStandIn.Call> gst = sts.calls("GetSessionToken");
    assertEquals(1, gst.size(), "the second call is served from the cache");
    StsStandIn.Call mint = gst.get(0);
    assertEquals(MFA, mint.params().get("SerialNumber"));
    String expected = TotpSecret.parse(TOTP_SECRET).codeAt(Instant.ofEpochMilli(mint.atMillis()));
    String previous =
        TotpSecret.parse(TOTP_SECRET).codeAt(Instant.ofEpochMilli(mint.atMillis() - 30_000));
    assertTrue(
        List.of(expected, previous).contains(mint.params().get("TokenCode")),
        "TokenCode is the RFC 6238 code of the stored secret");
    assertEquals(
        KEY_ID, mint.signingKeyId(), "only GetSessionToken is signed with the long-lived key");
    for (StsStandIn.Call c : sts.calls("GetCallerIdentity")) {
      assertEquals("ASIASESSIONEXAMPLE01", c.signingKeyId(), "aws signs with the session key");
    }
  }

  @Test
  void a_profile_flag_assumes_the_role_through_the_chain_with_the_session_credentials() {
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    Sandbox.Result r =
        box.shell("bash", source("bash") + " && " + call + " --profile dev-admin && " + call).ok();
    assertEquals(ROLE_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());
    List<StsStandIn.Call> roles = sts.calls("AssumeRole");
    assertEquals(1, roles.size());
    assertEquals(ROLE_ARN, roles.get(0).params().get("RoleArn"));
    assertEquals("alice", roles.get(0).params().get("RoleSessionName"));
    assertEquals("ASIASESSIONEXAMPLE01", roles.get(0).signingKeyId());
    assertEquals(1, sts.calls("GetSessionToken").size(), "one MFA session serves the whole chain");
  }

  @Test
  void a_second_iam_user_works_side_by_side_after_its_section_was_removed() {
    Users.importProfile(box, null, "local", "other", "--scope", "global", "--remove-plaintext")
        .ok();
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    Sandbox.Result r =
        box.shell("bash", source("bash") + " && " + call + " --profile other && " + call).ok();
    assertEquals(USER_ARN + "\n" + USER_ARN + "\n", r.out(), r.toString());
    List<String> signers =
        sts.calls("GetSessionToken").stream().map(StsStandIn.Call::signingKeyId).toList();
    assertEquals(List.of("AKIAOTHEREXAMPLE0000", KEY_ID), signers, "each profile its own user");
  }

  @Test
  void the_child_sees_no_long_lived_key_and_no_keyshell_secret() {
    Sandbox.Result r = box.keyshell(null, "exec", "--", "env").ok();
    assertFalse(r.out().contains(KEY_ID), r.out());
    assertFalse(r.out().contains(SECRET), r.out());
    assertFalse(r.out().contains("KEYSHELL_VAULT_PASSPHRASE"), r.out());
    assertTrue(r.out().contains("AWS_ACCESS_KEY_ID=ASIASESSIONEXAMPLE01"), r.out());
    assertTrue(r.out().contains("AWS_SESSION_TOKEN="), r.out());
    assertTrue(r.out().contains("AWS_REGION=eu-west-1"), r.out());
  }

  @Test
  void the_function_returns_the_exit_code_of_aws() {
    Sandbox.Result r =
        box.shell(
            "bash",
            source("bash")
                + " && aws sts get-caller-identity --cli-connect-timeout 2 --endpoint-url"
                + " http://127.0.0.1:9; echo \"exit=$?\"");
    assertTrue(r.out().contains("exit=255"), r.toString());
    assertTrue(r.err().contains("Could not connect"), r.toString());
  }

  @Test
  void help_and_version_run_without_credentials() {
    box.env.remove("KEYSHELL_VAULT_PASSPHRASE");
    Sandbox.Result r = box.shell("bash", source("bash") + " && aws --version").ok();
    assertTrue(r.out().startsWith("aws-cli/"), r.toString());
    assertEquals(0, sts.calls().size());
  }

  private String source(String shell) {
    Path dir = box.configDir();
    return shell.equals("fish")
        ? "source " + dir.resolve("plugins.fish") + "; and type -q aws"
        : "source " + dir.resolve("plugins.sh");
  }
}
