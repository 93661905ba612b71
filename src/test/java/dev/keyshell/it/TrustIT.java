package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.MFA;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Never the wrong identity, never a changed config" (issue 9), row by row, as a hurried user types
 * it: the real aws through the {@code aws} function in bash, a global credential for [default]
 * (alice), [bob] with its own plaintext keys, role, SSO, quoted and keyshell-credential_process
 * profiles, each compared with what bare aws does on the same files.
 */
class TrustIT {
  static final String BOB_KEY = "AKIABOBEXAMPLE000001";
  static final String CI_KEY = "AKIACIEXAMPLE0000001";
  static final String PERSONAL_KEY = "AKIAPERSONALEXAMPLE1";
  static final String QUOTED_ROLE = "arn:aws:iam::444455556666:role/quoted";

  static final String CREDENTIALS =
      "[default]\naws_access_key_id = "
          + KEY_ID
          + "\naws_secret_access_key = "
          + SECRET
          + "\n\n[bob]\naws_access_key_id = "
          + BOB_KEY
          + "\naws_secret_access_key = bobSecretExample0000000000000000000000001\n"
          + "\n[personal]\naws_access_key_id = "
          + PERSONAL_KEY
          + "\naws_secret_access_key = personalSecretExample00000000000000000001\n";

  static final String CONFIG =
      Users.CONFIG
          + "\n[profile sso-dev]\nsso_start_url = https://example.awsapps.com/start\n"
          + "sso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
          + "region = eu-central-1\n"
          + "\n[profile \"quoted\"]\nrole_arn = "
          + QUOTED_ROLE
          + "\nsource_profile = default\n"
          + "\n[profile ks]\ncredential_process = "
          + Sandbox.KEYSHELL
          + " export --profile default --format json\n"
          + "\n[profile other-tool]\ncredential_process = /bin/false\n"
          + "\n[prefixless]\nregion = eu-west-2\n"
          + "\n[profile ci-work]\nregion = eu-west-1\n";

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    // GetSessionToken answers with the identity of the key that signed it.
    for (String[] user :
        new String[][] {
          {KEY_ID, "alice"}, {BOB_KEY, "bob"}, {CI_KEY, "ci"}, {PERSONAL_KEY, "me"}
        }) {
      sts.server.stubFor(
          post(urlEqualTo("/"))
              .atPriority(1)
              .withRequestBody(containing("Action=GetSessionToken"))
              .withHeader("Authorization", containing("Credential=" + user[0] + "/"))
              .willReturn(aResponse().withStatus(200).withBody(session(user[1]))));
    }
    box = Users.initialised(tmp, sts, CREDENTIALS, CONFIG);
    sts.reset();
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  static String session(String user) {
    return "<GetSessionTokenResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
        + "<GetSessionTokenResult><Credentials>"
        + "<SessionToken>StandinSession/arn:aws:iam::111122223333:user/"
        + user
        + "</SessionToken><SecretAccessKey>standinSessionSecretKey0000000000000000</SecretAccessKey>"
        + "<Expiration>2099-01-01T00:00:00Z</Expiration>"
        + "<AccessKeyId>ASIASESSION"
        + user.toUpperCase(java.util.Locale.ROOT)
        + "</AccessKeyId></Credentials></GetSessionTokenResult></GetSessionTokenResponse>";
  }

  static final List<String> INIT = List.of("plugin", "init", "aws", "--store", "local");

  /** {@code plugin init aws --store local} with {@code flags}. */
  Sandbox.Result init(String... flags) {
    List<String> args = new ArrayList<>(INIT);
    args.addAll(List.of(flags));
    return box.keyshell(null, args.toArray(String[]::new));
  }

  /** {@code line} in bash after sourcing plugins.sh, the function's aws. */
  Sandbox.Result wrapped(String line) {
    return box.shell("bash", "source " + box.configDir().resolve("plugins.sh") + " && " + line);
  }

  /** {@code line} with the real aws alone, on the same files and environment. */
  Sandbox.Result bare(String line) {
    return box.shell("bash", line);
  }

  static String arn(Sandbox.Result r) {
    int i = r.out().indexOf("\"Arn\": \"");
    return i < 0 ? "" : r.out().substring(i + 8, r.out().indexOf('"', i + 8));
  }

  String endpoint() {
    return " --endpoint-url " + sts.url();
  }

  @Test
  void a_mistyped_profile_is_an_error_naming_it_and_nothing_is_minted() {
    Sandbox.Result r = wrapped("aws --profile dev-admn sts get-caller-identity" + endpoint());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("The config profile (dev-admn) could not be found"), r.toString());
    assertTrue(r.err().contains("did you mean 'dev-admin'?"), r.toString());
    assertEquals(List.of(), sts.calls(), "nothing minted");
    Sandbox.Result bare = bare("aws --profile dev-admn sts get-caller-identity" + endpoint());
    assertTrue(bare.err().contains("The config profile (dev-admn) could not be found"));
  }

  @Test
  void a_config_section_without_the_profile_prefix_is_no_profile_for_either() {
    Sandbox.Result r = wrapped("aws --profile prefixless sts get-caller-identity" + endpoint());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("The config profile (prefixless) could not be found"), r.err());
    Sandbox.Result bare = bare("aws --profile prefixless sts get-caller-identity" + endpoint());
    assertTrue(bare.err().contains("The config profile (prefixless) could not be found"));
    assertEquals(List.of(), sts.calls());
  }

  @Test
  void a_later_import_keeps_the_earlier_mapping_and_concurrent_inits_store_one_item()
      throws Exception {
    init("--import-profile", "bob", "--scope", "global", "--remove-plaintext", "--yes").ok();
    // [default] again, as a second init would: bob's mapping must stay.
    box.credentials(
        Files.readString(box.home.resolve(".aws/credentials"))
            + "\n[default]\naws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n");
    init("--import-profile", "default", "--scope", "global", "--remove-plaintext", "--yes").ok();
    Sandbox.Result bob =
        box.keyshell(
                null,
                "exec",
                "--profile",
                "bob",
                "--",
                "aws",
                "sts",
                "get-caller-identity",
                "--endpoint-url",
                sts.url())
            .ok();
    assertEquals("arn:aws:iam::111122223333:user/bob", arn(bob), bob.toString());
    Sandbox.Result alice =
        box.keyshell(
                null,
                "exec",
                "--",
                "aws",
                "sts",
                "get-caller-identity",
                "--endpoint-url",
                sts.url())
            .ok();
    assertEquals("arn:aws:iam::111122223333:user/alice", arn(alice), alice.toString());

    // Two inits of the same key at once: one stores it, the other finds it.
    List<String> init = new ArrayList<>(List.of(Sandbox.KEYSHELL.toString()));
    init.addAll(INIT);
    init.addAll(
        List.of("--import-profile", "personal", "--scope", "global", "--keep-plaintext", "--yes"));
    Process first = start(box, init);
    Process second = start(box, init);
    String a = new String(first.getErrorStream().readAllBytes());
    String b = new String(second.getErrorStream().readAllBytes());
    assertEquals(0, first.waitFor(), a);
    assertEquals(0, second.waitFor(), b);
    String both = a + b;
    assertEquals(1, count(both, "Saved 'AWS personal'"), both);
    assertEquals(1, count(both, "already holds this key"), both);
    Sandbox.Result inspect = box.keyshell(null, "plugin", "inspect").ok();
    for (String p : List.of("bob", "default", "personal")) {
      assertTrue(inspect.out().matches("(?s).*\\n  " + p + " +'AWS .*"), inspect.out());
    }
  }

  private static Process start(Sandbox box, List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(box.home.toFile());
    pb.environment().clear();
    pb.environment().putAll(box.env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void an_undefined_AWS_PROFILE_is_the_same_error() {
    Sandbox.Result r = wrapped("AWS_PROFILE=nosuch aws sts get-caller-identity" + endpoint());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("The config profile (nosuch) could not be found"), r.toString());
    assertEquals(List.of(), sts.calls());
  }

  @Test
  void a_profile_with_its_own_plaintext_keys_is_refused_never_served_as_another() {
    Sandbox.Result r = wrapped("aws --profile bob sts get-caller-identity" + endpoint());
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("'bob' still has its own keys in"), r.toString());
    assertTrue(r.err().contains("keyshell plugin init aws --import-profile 'bob'"), r.toString());
    assertTrue(r.err().contains("command aws"), r.toString());
    assertEquals(List.of(), sts.calls());
  }

  @Test
  void aws_configure_writes_where_bare_aws_writes() throws Exception {
    Path config = box.home.resolve(".aws/config");
    Path creds = box.home.resolve(".aws/credentials");
    String configBefore = Files.readString(config);
    String credsBefore = Files.readString(creds);
    wrapped("aws configure set output yaml --profile newprof").ok();
    wrapped(
            "printf 'AKIANEWEXAMPLE000001\\nnewSecret\\nus-west-2\\njson\\n' | aws configure"
                + " --profile newprof2")
        .ok();
    String configWrapped = Files.readString(config);
    String credsWrapped = Files.readString(creds);
    assertTrue(configWrapped.contains("[profile newprof]\noutput = yaml"), configWrapped);
    assertTrue(credsWrapped.contains("[newprof2]"), credsWrapped);

    Files.writeString(config, configBefore);
    Files.writeString(creds, credsBefore);
    bare("aws configure set output yaml --profile newprof").ok();
    bare("printf 'AKIANEWEXAMPLE000001\\nnewSecret\\nus-west-2\\njson\\n' | aws configure"
            + " --profile newprof2")
        .ok();
    assertEquals(Files.readString(config), configWrapped, "the config file as bare aws left it");
    assertEquals(Files.readString(creds), credsWrapped, "the credentials as bare aws left them");
    assertEquals(List.of(), sts.calls());
  }

  @Test
  void aws_configure_get_and_sso_are_left_to_aws_without_unlocking() throws Exception {
    Path config = box.home.resolve(".aws/config");
    Path creds = box.home.resolve(".aws/credentials");
    byte[] configBefore = Files.readAllBytes(config);
    byte[] credsBefore = Files.readAllBytes(creds);
    box.env.remove("KEYSHELL_VAULT_PASSPHRASE"); // an unlock would now fail: no terminal
    box.keyshell(null, "lock").ok();
    for (String line :
        List.of(
            "aws configure get region --profile dev-admin",
            "aws configure get region --profile sso-dev",
            "aws sso logout --profile sso-dev",
            "aws --profile other-tool sts get-caller-identity" + endpoint())) {
      Sandbox.Result r = wrapped(line);
      Sandbox.Result bare = bare(line);
      assertEquals(bare.exit(), r.exit(), line + "\n" + r);
      assertEquals(bare.out(), r.out(), line);
      assertEquals(bare.err(), r.err(), line);
      assertFalse(r.err().contains("keyshell"), line + "\n" + r);
    }
    assertEquals("eu-central-1\n", wrapped("aws configure get region --profile sso-dev").out());
    assertEquals(List.of(), sts.calls(), "nothing minted");
    assertTrue(
        java.util.Arrays.equals(configBefore, Files.readAllBytes(config)), "config as it was");
    assertTrue(java.util.Arrays.equals(credsBefore, Files.readAllBytes(creds)), "credentials too");
  }

  @Test
  void a_quoted_profile_name_is_the_profile_botocore_reads() {
    Sandbox.Result r = wrapped("aws --profile quoted sts get-caller-identity" + endpoint()).ok();
    assertEquals(QUOTED_ROLE, arn(r), r.toString());
  }

  @Test
  void keyshells_own_credential_process_is_served_directly() {
    Sandbox.Result r = wrapped("aws --profile ks sts get-caller-identity" + endpoint()).ok();
    assertEquals("arn:aws:iam::111122223333:user/alice", arn(r), r.toString());
    assertFalse(r.err().contains("does not support"), r.toString());
  }

  @Test
  void a_per_profile_entry_beats_a_nearer_scopes_default() {
    init("--import-profile", "personal", "--scope", "global", "--remove-plaintext", "--yes").ok();
    box.env.put("KEYSHELL_SESSION", "0123456789abcdef01234567");
    box.env.put("AWS_ACCESS_KEY_ID", CI_KEY);
    box.env.put("AWS_SECRET_ACCESS_KEY", "ciSecretExample000000000000000000000000001");
    init("--import-env", "--title", "CI", "--scope", "session", "--yes").ok();
    box.env.remove("AWS_ACCESS_KEY_ID");
    box.env.remove("AWS_SECRET_ACCESS_KEY");
    Sandbox.Result personal =
        wrapped("aws --profile personal sts get-caller-identity" + endpoint()).ok();
    assertEquals("arn:aws:iam::111122223333:user/me", arn(personal), personal.toString());
    // A profile without keys or a mapping of its own: the nearest scope's default serves it.
    Sandbox.Result plain =
        wrapped("aws --profile ci-work sts get-caller-identity" + endpoint()).ok();
    assertEquals("arn:aws:iam::111122223333:user/ci", arn(plain), plain.toString());
    Sandbox.Result inspect = box.keyshell(null, "plugin", "inspect").ok();
    assertTrue(
        inspect.out().matches("(?s).*\\n  personal +'AWS personal'.* from the global scope\\n.*"),
        inspect.out());
    assertTrue(
        inspect
            .out()
            .matches("(?s).*\\n  bob +own keys in .* only if that item holds the same key.*"),
        inspect.out());
    assertTrue(inspect.out().matches("(?s).*\\n  sso-dev +IAM Identity Center: .*"), inspect.out());
  }

  @Test
  void a_refused_connection_spends_no_mfa_code() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    box.keyshell(null, "lock").ok();
    box.env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:" + closed);
    Sandbox.Result down = box.keyshell(null, "exec", "--", "true");
    assertEquals(1, down.exit(), down.toString());
    assertTrue(down.err().contains("connection refused"), down.toString());
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    Sandbox.Result up = box.keyshell(null, "exec", "--", "true").ok();
    assertFalse(up.err().contains("already used"), up.toString());
    assertEquals(1, sts.calls("GetSessionToken").size());
    assertTrue(sts.calls("GetSessionToken").get(0).params().containsKey("TokenCode"));
    assertEquals(MFA, sts.calls("GetSessionToken").get(0).params().get("SerialNumber"));
  }

  @Test
  void credentials_that_are_already_expired_never_reach_the_child() {
    box.keyshell(null, "lock").ok();
    sts.server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(0)
            .withRequestBody(containing("Action=GetSessionToken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(session("alice").replace("2099-01-01", "2001-01-01"))));
    Sandbox.Result r = box.keyshell(null, "exec", "--", "sh", "-c", "echo CHILD RAN");
    assertEquals(1, r.exit(), r.toString());
    assertFalse(r.out().contains("CHILD RAN"), r.toString());
    assertTrue(r.err().contains("expire at 2001-01-01T00:00:00Z"), r.toString());
  }

  @Test
  void an_error_envelope_the_sdk_cannot_read_still_says_what_sts_said() {
    sts.server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(0)
            .withRequestBody(containing("Action=AssumeRole"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        "<ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User"
                            + " alice is not authorized to perform: sts:AssumeRole</Message>"
                            + "</Error></Errors><RequestId>x</RequestId></ErrorResponse>")));
    Sandbox.Result r = box.keyshell(null, "exec", "--profile", "dev-admin", "--", "true");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("is not authorized to perform: sts:AssumeRole"), r.toString());
    assertFalse(r.err().contains("no message"), r.toString());
  }

  @Test
  void a_malformed_section_the_chain_does_not_use_is_none_of_keyshells_business() throws Exception {
    box.credentials(CREDENTIALS + "\n[broken]\nthis line has no equals sign\n");
    Sandbox.Result r = box.keyshell(null, "exec", "--", "true");
    assertEquals(0, r.exit(), r.toString());
    Sandbox.Result broken = box.keyshell(null, "exec", "--profile", "broken", "--", "true");
    assertEquals(1, broken.exit(), broken.toString());
    assertTrue(broken.err().contains("'broken' is malformed"), broken.toString());
  }

  @Test
  void the_environment_and_argv_of_a_command_left_to_aws_are_exactly_as_typed() throws Exception {
    Path fake = box.write("bin/aws", "#!/bin/sh\nprintf '%s\\n' \"$@\"\nenv | sort\n");
    fake.toFile().setExecutable(true);
    box.env.put("PATH", fake.getParent() + ":" + Sandbox.PATH);
    box.env.put("AWS_PROFILE", "dev-admin");
    Sandbox.Result r = wrapped("aws configure list --profile sso-dev").ok();
    assertTrue(r.out().startsWith("configure\nlist\n--profile\nsso-dev\n"), r.out());
    assertTrue(r.out().contains("\nAWS_PROFILE=dev-admin\n"), r.out());
    assertFalse(r.out().contains("AWS_ACCESS_KEY_ID"), r.out());
    assertEquals("", r.err());
  }
}
