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
import dev.keyshell.setup.AwsVaultFixture;
import dev.keyshell.store.OnePasswordFixtures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard as a person meets it: {@code keyshell plugin init aws} and a first {@code aws} in a
 * real pseudo-terminal (tmux), answered key by key. Screens land in target/screens; the captures in
 * docs/screens come from these runs.
 */
class WizardIT {
  static final String CREDENTIALS =
      "# work\n[default]\naws_access_key_id = "
          + KEY_ID
          + "\naws_secret_access_key = "
          + SECRET
          + "\n\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = x\n";
  static final String SCOPE_QUESTION =
      "Configure when the chosen credential will be used to authenticate:";
  static final Path SCREENS = Sandbox.PROJECT.resolve("target/screens");

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;
  Tmux tty;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = new Sandbox(tmp);
    box.env.remove("KEYSHELL_NO_TTY");
    box.env.put("SHELL", "/bin/bash");
    box.env.put("TERM", "xterm-256color");
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.credentials(CREDENTIALS);
    box.config("[default]\nregion = eu-west-1\nmfa_serial = " + MFA + "\n");
  }

  @AfterEach
  void tearDown() {
    if (tty != null) {
      tty.close();
    }
    box.keyshell(null, "lock");
    sts.close();
  }

  private Tmux terminal() throws Exception {
    tty = new Tmux(tmp, box.env, SCREENS);
    tty.line("cd " + box.home);
    return tty;
  }

  @Test
  void a_newcomer_imports_a_profile_with_mfa_into_the_local_vault_and_aws_works() throws Exception {
    Tmux t = terminal();
    t.start(Sandbox.KEYSHELL + " plugin init aws");

    String s = t.waitFor("? Where to keep the AWS key?");
    assertTrue(s.contains("> keyshell's encrypted local vault (default here)"), s);
    t.snapshot("init-1-store");
    t.keys("Enter");
    s = t.waitFor("? Locate your AWS Access Key:");
    assertTrue(s.contains("> Import profile 'default' of ~/.aws/credentials (AKIA…MPLE)"), s);
    assertTrue(s.contains("  Import profile 'other' of ~/.aws/credentials (AKIA…0000)"), s);
    assertTrue(s.contains("  Search the local vault…"), s);
    t.snapshot("init-2-locate");
    t.keys("Enter");
    t.waitFor("? Name the item: [AWS default]");
    t.keys("Enter");
    s = t.waitFor("? Add an MFA device?");
    assertTrue(s.contains("(~/.aws/config names " + MFA + ") (Y/n)"), s);
    t.keys("Enter");
    t.waitFor("? MFA device ARN: [" + MFA + "]");
    t.keys("Enter");
    s = t.waitFor("? Where do the device's one-time codes come from?");
    assertTrue(s.contains("> Its TOTP secret, kept in the item (keyshell computes each code)"), s);
    assertTrue(s.contains("  One-time codes from a YubiKey (ykman) (ykman is not installed)"), s);
    assertTrue(s.contains("  Type the code each time aws asks (nothing more is stored)"), s);
    t.snapshot("init-3-mfa-source");
    t.keys("Enter");
    t.waitFor("? TOTP secret of the device (otpauth:// URI or base32): (typing is hidden)");
    t.line(TOTP_SECRET);
    s = t.waitFor("? Does your authenticator app show the same code? (Y/n)");
    assertFalse(s.contains(TOTP_SECRET), "the secret is never echoed:\n" + s);
    Instant now = Instant.now();
    assertTrue(
        s.contains("The current code is " + spaced(now))
            || s.contains("The current code is " + spaced(now.minusSeconds(30))),
        s);
    t.snapshot("init-3-mfa");
    t.keys("Enter");
    s = t.waitFor("? " + SCOPE_QUESTION);
    assertTrue(s.contains("  Prompt me for each new terminal session (needs plugins.sh loaded"), s);
    assertTrue(s.contains("> Use as global default on my system (recommended)"), s);
    t.snapshot("init-4-scope");
    t.keys("Enter");
    t.waitFor("? Remove the imported keys from ~/.aws/credentials once the item reads back? (Y/n)");
    t.keys("Enter");
    s = t.waitFor("? Add it to ~/.bashrc now? (Y/n)");
    String rcLine = "source '" + box.configDir().resolve("plugins.sh") + "'";
    assertTrue(s.contains("  " + rcLine), s);
    t.keys("Enter");

    assertEquals(0, t.exitCode(), t.screen());
    s = t.snapshot("init-5-done");
    assertTrue(s.contains("Saved 'AWS default' (AKIA…MPLE)"), s);
    assertTrue(s.contains("Added this line to " + box.home.resolve(".bashrc")), s);
    assertEquals(
        "# work\n[other]\naws_access_key_id = AKIAOTHEREXAMPLE0000\naws_secret_access_key = x\n",
        Files.readString(box.home.resolve(".aws/credentials")));
    assertEquals(1, count(Files.readString(box.home.resolve(".bashrc")), rcLine));
    for (String secret : List.of(SECRET, TOTP_SECRET)) {
      assertEquals(List.of(), Sandbox.filesContaining(box.home, secret), secret);
    }

    // A new terminal: .bashrc loads the function, and aws is served by the wizard's answers.
    t.start(
        "source ~/.bashrc && aws sts get-caller-identity --output text --query Arn"
            + " --endpoint-url "
            + sts.url());
    assertEquals(0, t.exitCode(), t.screen());
    assertTrue(t.screen().contains(USER_ARN), t.screen());
    assertEquals(MFA, sts.calls("GetSessionToken").get(0).params().get("SerialNumber"));
  }

  @Test
  void rerunning_init_shows_the_setup_offers_the_item_and_never_adds_the_rc_line_twice()
      throws Exception {
    Users.importProfile(box, null, "local", "default", "--scope", "global", "--add-to-rc").ok();
    Tmux t = terminal();
    t.start(Sandbox.KEYSHELL + " plugin init aws");

    String s = t.waitFor("? Where to keep the AWS key?");
    assertTrue(s.contains("Already set up (global): 'AWS default' in vault 'Private' (local)."), s);
    t.keys("Enter");
    s = t.waitFor("? Locate your AWS Access Key:");
    assertTrue(s.contains("> Use 'AWS default' (vault Private)"), s);
    t.snapshot("rerun-1-locate");
    t.keys("Enter");
    t.waitFor("? " + SCOPE_QUESTION);
    t.keys("Up", "Enter"); // from global (recommended) up to directory

    assertEquals(0, t.exitCode(), t.screen());
    s = t.snapshot("rerun-2-done");
    assertFalse(s.contains("Name the item"), "an existing item is not imported again:\n" + s);
    assertFalse(s.contains("Add it to"), "the rc line is there already:\n" + s);
    assertTrue(s.contains("already has the line that loads it"), s);
    assertTrue(Files.isRegularFile(box.home.resolve(".keyshell/plugins/aws.json")));
    String rcLine = "source '" + box.configDir().resolve("plugins.sh") + "'";
    assertEquals(1, count(Files.readString(box.home.resolve(".bashrc")), rcLine));
  }

  @Test
  void ctrl_c_half_way_leaves_nothing_written_and_the_terminal_as_it_was() throws Exception {
    Tmux t = terminal();
    t.start(Sandbox.KEYSHELL + " plugin init aws");
    t.waitFor("? Where to keep the AWS key?");
    t.keys("C-c");
    assertEquals(130, t.exitCode());
    assertTrue(t.screen().contains("keyshell: cancelled; nothing was changed"), t.screen());

    t.start(Sandbox.KEYSHELL + " plugin init aws");
    t.waitFor("? Where to keep the AWS key?");
    t.keys("Enter");
    t.waitFor("? Locate your AWS Access Key:");
    t.keys("Enter");
    t.waitFor("? Name the item:");
    t.keys("Enter");
    t.waitFor("? Add an MFA device?");
    t.keys("Enter");
    t.waitFor("? MFA device ARN:");
    t.keys("Enter");
    t.waitFor("? Where do the device's one-time codes come from?");
    t.keys("Enter");
    t.waitFor("(typing is hidden)");
    t.type("GEZDGNBV");
    t.keys("C-c");

    assertEquals(130, t.exitCode());
    String s = t.snapshot("cancel");
    assertTrue(s.contains("keyshell: cancelled; nothing was changed"), s);
    assertEquals(CREDENTIALS, Files.readString(box.home.resolve(".aws/credentials")));
    try (Stream<Path> files = Files.walk(box.home)) {
      assertEquals(
          List.of(box.home.resolve(".aws/config"), box.home.resolve(".aws/credentials")),
          files.filter(Files::isRegularFile).sorted().toList(),
          "no vault, scope, plugins.sh or rc line");
    }
    t.start("stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e icanon | tr '\\n' ,");
    assertEquals(0, t.exitCode(), t.screen());
    assertTrue(
        t.screen().contains("icanon,echo,"), "echo and line editing restored:\n" + t.screen());
  }

  @Test
  void an_aws_vault_user_picks_the_profile_from_the_list_types_the_passphrase_and_aws_works()
      throws Exception {
    box.credentials("");
    AwsVaultFixture.write(
        box.home.resolve(".awsvault/keys/default"), "vault pass", KEY_ID, SECRET, "");
    Tmux t = terminal();
    t.start(Sandbox.KEYSHELL + " plugin init aws --store local --scope global");

    String s = t.waitFor("? Locate your AWS Access Key:");
    assertTrue(s.contains("> Import profile 'default' of aws-vault (~/.awsvault/keys)"), s);
    t.snapshot("aws-vault-1-locate");
    t.keys("Enter");
    t.waitFor("? Passphrase of aws-vault's file backend (~/.awsvault/keys): (typing is hidden)");
    t.line("vault pass");
    t.waitFor("? Name the item: [AWS default]");
    t.keys("Enter");
    t.waitFor("? Add an MFA device?");
    t.line("n");
    t.waitFor("? Add it to ~/.bashrc now? (Y/n)");
    t.line("n");

    assertEquals(0, t.exitCode(), t.screen());
    s = t.snapshot("aws-vault-2-done");
    assertTrue(s.contains("Saved 'AWS default' (AKIA…MPLE) in the local vault."), s);
    assertFalse(s.contains("vault pass"), "the passphrase is never echoed:\n" + s);
    assertFalse(s.contains("Remove the imported keys"), s);
    assertEquals("", Files.readString(box.home.resolve(".aws/credentials")));
    assertEquals(List.of(), Sandbox.filesContaining(box.home, SECRET));
    box.config("[default]\nregion = eu-west-1\n");
    box.keyshell(null, "export", "--format", "json").ok();
    assertEquals(KEY_ID, sts.calls("GetSessionToken").get(0).signingKeyId(), "the imported key");
  }

  @Test
  void imports_into_1password_through_op_with_the_secret_on_stdin_only() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("op/bin"));
    Path log = Files.createDirectories(tmp.resolve("op/log"));
    Path items = Files.createDirectories(tmp.resolve("op/items"));
    try (InputStream script = WizardIT.class.getResourceAsStream("/fake-op/op")) {
      Files.copy(script, bin.resolve("op"));
    }
    Files.setPosixFilePermissions(bin.resolve("op"), PosixFilePermissions.fromString("rwx------"));
    // What op answers for the item it creates: the keys the wizard sent, as 1Password keeps them.
    Files.writeString(
        items.resolve("k3ysh3llcr3at3d1t3m00000aa.json"),
        "{\"id\":\"k3ysh3llcr3at3d1t3m00000aa\",\"title\":\"AWS default\",\"category\":\"LOGIN\","
            + "\"vault\":{\"id\":\"gshlsjsajnawtnjynzgwmiebge\",\"name\":\"Test Data\"},"
            + "\"fields\":[{\"id\":\"a\",\"label\":\"Access Key ID\",\"type\":\"STRING\","
            + "\"value\":\""
            + KEY_ID
            + "\"},{\"id\":\"b\",\"label\":\"Secret Access Key\",\"type\":\"CONCEALED\","
            + "\"value\":\""
            + SECRET
            + "\"}]}");
    box.env.put("PATH", bin + ":" + Sandbox.PATH);
    box.env.put("OP_FAKE_FIXTURES", OnePasswordFixtures.dir().toAbsolutePath().toString());
    box.env.put("OP_FAKE_LOG", log.toString());
    box.env.put("OP_FAKE_ITEMS", items.toString());
    Tmux t = terminal();
    t.start(Sandbox.KEYSHELL + " plugin init aws");

    String s = t.waitFor("? Where to keep the AWS key?");
    assertTrue(s.contains("> 1Password app (op CLI) (default here)"), s);
    t.keys("Enter");
    s = t.waitFor("? Locate your AWS Access Key:");
    assertTrue(s.contains("  Search 1Password…"), s);
    t.snapshot("op-1-locate");
    t.keys("Enter");
    t.waitFor("? Name the item: [AWS default]");
    t.keys("Enter");
    s = t.waitFor("? Vault to keep it in:");
    assertTrue(s.contains("> Private"), s);
    assertTrue(s.contains("  Test Data"), s);
    t.snapshot("op-2-vault");
    t.keys("Down", "Enter");
    t.waitFor("? Add an MFA device?");
    t.line("n");
    t.waitFor("? " + SCOPE_QUESTION);
    t.keys("Enter");
    t.waitFor("? Remove the imported keys");
    t.line("n");
    t.waitFor("? Add it to ~/.bashrc now?");
    t.line("n");

    assertEquals(0, t.exitCode(), t.screen());
    s = t.snapshot("op-3-done");
    assertTrue(s.contains("Saved 'AWS default' (AKIA…MPLE) in 1Password, vault 'Test Data'."), s);
    assertTrue(s.contains("To use it, add this line to"), s);
    String argv = Files.readString(log.resolve("argv"));
    assertFalse(argv.contains(SECRET), argv);
    assertTrue(argv.contains("item\ncreate\n--vault\nTest Data\n-\n"), argv);
    assertTrue(Files.readString(log.resolve("stdin")).contains(SECRET));
    String scope = Files.readString(box.configDir().resolve("plugins/aws.json"));
    assertTrue(scope.contains("\"store\" : \"op\""), scope);
    assertTrue(scope.contains("\"item_id\" : \"k3ysh3llcr3at3d1t3m00000"), scope);
    assertEquals(CREDENTIALS, Files.readString(box.home.resolve(".aws/credentials")));
    assertFalse(Files.exists(box.home.resolve(".bashrc")));
  }

  @Test
  void without_a_terminal_init_without_flags_is_a_usage_error_that_names_the_flags() {
    Sandbox.Result r =
        box.run(List.of("setsid", "-w", Sandbox.KEYSHELL.toString(), "plugin", "init", "aws"), "");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(
        "keyshell: no terminal to ask on, and no flag names the AWS key to use\n"
            + "hint: run it in a terminal for the wizard, or pass --import-profile NAME,"
            + " --import-env or --item REF (see --help)\n",
        r.err());
  }

  @Test
  void the_first_aws_without_a_credential_asks_once_and_keeps_the_answer_for_the_session()
      throws Exception {
    Users.importDefault(box, "local").ok();
    box.keyshell(null, "plugin", "clear", "aws", "--force").ok();
    String call =
        "aws sts get-caller-identity --output text --query Arn --endpoint-url " + sts.url();
    Sandbox.Result noTty =
        box.run(
            List.of(
                "setsid",
                "-w",
                "/bin/bash",
                "-c",
                "source " + box.configDir().resolve("plugins.sh") + " && " + call),
            "");
    assertEquals(1, noTty.exit(), noTty.toString());
    assertTrue(noTty.err().contains("hint: run: keyshell plugin init aws"), noTty.toString());

    Tmux t = terminal();
    t.line("source " + box.configDir().resolve("plugins.sh"));
    t.start(call);
    String s = t.waitFor("? Locate your AWS Access Key:");
    assertTrue(s.contains("no AWS credential is set up for this terminal or directory yet"), s);
    assertTrue(s.contains("> Use 'AWS default' (vault Private)"), s);
    t.snapshot("first-use-1-locate");
    t.keys("Enter");
    assertEquals(0, t.exitCode(), t.screen());
    s = t.snapshot("first-use-2-done");
    assertTrue(s.contains("It is now the default AWS credential for this terminal session."), s);
    assertTrue(s.contains(USER_ARN), s);

    t.start(call);
    assertEquals(0, t.exitCode(), t.screen());
    assertFalse(t.screen().contains("Locate"), "asked once per session:\n" + t.screen());
    assertTrue(t.screen().contains(USER_ARN), t.screen());
  }

  private static String spaced(Instant at) {
    String code = TotpSecret.parse(TOTP_SECRET).codeAt(at);
    return code.substring(0, 3) + " " + code.substring(3);
  }

  private static int count(String text, String line) {
    return (int) text.lines().filter(l -> l.strip().equals(line)).count();
  }
}
