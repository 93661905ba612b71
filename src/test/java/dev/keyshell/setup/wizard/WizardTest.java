package dev.keyshell.setup.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.Scope;
import dev.keyshell.setup.AwsVaultFixture;
import dev.keyshell.setup.InitRequest;
import dev.keyshell.store.Stores;
import dev.keyshell.stores.DefaultStores;
import dev.keyshell.tty.Prompter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WizardTest {
  static final String MFA = "arn:aws:iam::111122223333:mfa/demo";
  static final String TOTP = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  // RFC 6238's SHA1 vector time: its 8-digit code 94287082 ends in this 6-digit one.
  static final Clock AT_59 = Clock.fixed(Instant.ofEpochSecond(59), ZoneOffset.UTC);

  @TempDir Path home;
  final Map<String, String> vars = new HashMap<>();

  @BeforeEach
  void files() throws Exception {
    Files.createDirectories(home.resolve(".aws"));
    Files.writeString(
        home.resolve(".aws/credentials"),
        "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s\n"
            + "[temp]\naws_access_key_id = ASIAXXXXEXAMPLE00000\naws_secret_access_key = s\n"
            + "aws_session_token = t\n");
    Files.writeString(home.resolve(".aws/config"), "[default]\nmfa_serial = " + MFA + "\n");
    vars.put("PATH", home.resolve("no-bin").toString());
    vars.put("SHELL", "/usr/bin/zsh");
  }

  private InitRequest complete(ScriptedQuestions q, InitRequest partial) {
    Env env = new Env(vars, home, home);
    Dirs dirs = Dirs.of(env);
    Stores stores = new DefaultStores(env, dirs, NoTerminal.INSTANCE);
    InitRequest r = new Wizard(env, dirs, stores, q, AT_59).complete(partial);
    assertTrue(q.finished(), "every scripted answer was asked for: " + q.transcript);
    return r;
  }

  private static InitRequest nothing() {
    return new InitRequest(
        null, null, false, null, null, null, null, null, null, null, null, false, false, false);
  }

  @Test
  void an_import_with_mfa_is_asked_in_order_and_only_asked() throws Exception {
    ScriptedQuestions q =
        new ScriptedQuestions(
            "", "'default'", "", "", "", "TOTP secret", TOTP, "", "global", "", "");

    InitRequest r = complete(q, nothing());

    assertEquals(StoreKind.LOCAL, r.store());
    assertEquals("default", r.importProfile());
    assertEquals("AWS default", r.title());
    assertEquals(MFA, r.mfaSerial());
    assertEquals(TOTP, r.otpSecret());
    assertEquals(Scope.GLOBAL, r.scope());
    assertTrue(r.removePlaintext());
    assertTrue(r.addToRc());
    String t = String.join("\n", q.transcript);
    assertTrue(t.contains("Add an MFA device? (~/.aws/config names " + MFA + ") default=y"), t);
    assertTrue(t.contains("The current code is 287 082."), t);
    assertTrue(t.contains("? Add it to ~/.zshrc now? default=y"), t);
    assertFalse(t.contains("ASIA"), "temporary keys are not offered for import: " + t);
    try (Stream<Path> files = Files.walk(home)) {
      assertEquals(2, files.filter(Files::isRegularFile).count(), "the wizard writes nothing");
    }
  }

  @Test
  void session_scope_is_explained_and_asked_again_until_plugins_sh_is_loaded() {
    ScriptedQuestions q =
        new ScriptedQuestions("", "'default'", "", "n", "session", "directory", "n", "n");

    InitRequest r = complete(q, nothing());

    assertEquals(Scope.DIRECTORY, r.scope());
    assertNull(r.mfaSerial());
    assertFalse(r.removePlaintext());
    String t = String.join("\n", q.transcript);
    assertTrue(t.contains("(needs plugins.sh loaded in this shell first)"), t);
    assertTrue(t.contains("preselected=2"), "global is recommended: " + t);
    assertTrue(t.contains("This shell has not loaded plugins.sh"), t);
  }

  @Test
  void with_a_session_the_session_scope_comes_first_and_recommended() {
    vars.put("KEYSHELL_SESSION", "abcabcabcabcabcabcabcabc");
    ScriptedQuestions q = new ScriptedQuestions("", "'default'", "", "n", "", "n", "n");

    assertEquals(Scope.SESSION, complete(q, nothing()).scope());
    assertTrue(
        q.transcript.stream()
            .anyMatch(
                l ->
                    l.contains("[Prompt me for each new terminal session (recommended)")
                        && l.contains("preselected=0")),
        q.transcript.toString());
  }

  @Test
  void a_wrong_totp_secret_is_refused_and_asked_again() {
    ScriptedQuestions q =
        new ScriptedQuestions(
            "", "'default'", "", "", "", "", "not base32!", TOTP, "", "global", "n", "n");

    assertEquals(TOTP, complete(q, nothing()).otpSecret());
    assertTrue(
        q.transcript.stream().anyMatch(l -> l.startsWith("  That is not a TOTP secret")),
        q.transcript.toString());
  }

  @Test
  void empty_secrets_and_differing_codes_are_not_tries_and_the_secret_can_be_typed_again() {
    ScriptedQuestions q =
        new ScriptedQuestions(
            "",
            "'default'",
            "",
            "",
            "",
            "TOTP secret",
            "",
            "",
            "",
            TOTP,
            "n",
            "again",
            TOTP,
            "n",
            "again",
            TOTP,
            "",
            "global",
            "n",
            "n");

    assertEquals(TOTP, complete(q, nothing()).otpSecret());
    assertTrue(
        q.transcript.contains(
            "  Paste the secret shown when the device was set up (Ctrl-C stops)."),
        q.transcript.toString());
  }

  @Test
  void a_differing_code_can_keep_the_device_without_its_secret() {
    ScriptedQuestions q =
        new ScriptedQuestions(
            "", "'default'", "", "", "", "", TOTP, "n", "without its secret", "global", "n", "n");

    InitRequest r = complete(q, nothing());
    assertEquals(MFA, r.mfaSerial());
    assertNull(r.otpSecret());
  }

  @Test
  void an_mfa_device_must_be_an_arn_or_a_hardware_serial() throws Exception {
    Files.delete(home.resolve(".aws/config"));
    ScriptedQuestions q =
        new ScriptedQuestions(
            "",
            "'default'",
            "",
            "y",
            "",
            "alice",
            "arn:aws:iam::1:mfa/x",
            "GAHT12345678",
            "TOTP secret",
            TOTP,
            "",
            "global",
            "n",
            "n");

    assertEquals("GAHT12345678", complete(q, nothing()).mfaSerial());
    long refused =
        q.transcript.stream().filter(l -> l.startsWith("  That is not an MFA device")).count();
    assertEquals(2, refused, q.transcript.toString());
    assertTrue(q.transcript.contains("  IAM console → Security credentials → MFA shows it."));
  }

  @Test
  void flags_are_answers_and_yes_asks_nothing() {
    InitRequest scripted =
        new InitRequest(
            StoreKind.LOCAL,
            "default",
            false,
            null,
            null,
            "T",
            null,
            null,
            null,
            null,
            Scope.GLOBAL,
            true,
            false,
            true);
    assertSame(scripted, complete(new ScriptedQuestions(), scripted));

    InitRequest partial =
        new InitRequest(
            StoreKind.LOCAL,
            "default",
            false,
            null,
            null,
            "T",
            null,
            MFA,
            TOTP,
            null,
            Scope.GLOBAL,
            true,
            true,
            false);
    InitRequest r = complete(new ScriptedQuestions(), partial);
    assertEquals(List.of(MFA, TOTP, "T"), List.of(r.mfaSerial(), r.otpSecret(), r.title()));
  }

  @Test
  void aws_vault_profiles_are_offered_and_a_wrong_passphrase_is_asked_again() throws Exception {
    Path keys = home.resolve(".awsvault/keys");
    AwsVaultFixture.write(keys.resolve("work"), "vault pass", "AKIAAWSVAULTEXAMPLE1", "s3", "");
    Files.writeString(keys.resolve("session,d29yaw,,1700000000"), "a cached session");
    Files.writeString(keys.resolve("oidc:https:%2F%2Fexample.awsapps.com%2Fstart"), "a token");
    Files.writeString(home.resolve(".aws/config"), "[profile work]\nmfa_serial = " + MFA + "\n");
    ScriptedQuestions q =
        new ScriptedQuestions(
            "", "'work' of aws-vault", "wrong", "vault pass", "", "n", "global", "n");

    InitRequest r = complete(q, nothing());

    assertEquals("work", r.awsVault().profile());
    assertEquals("AKIAAWSVAULTEXAMPLE1", r.awsVault().keys().accessKeyId());
    assertNull(r.importProfile());
    assertFalse(r.importEnv());
    assertEquals("AWS work", r.title());
    assertFalse(r.removePlaintext(), "aws-vault's file is not touched");
    String t = String.join("\n", q.transcript);
    assertTrue(t.contains("Import profile 'work' of aws-vault (~/.awsvault/keys)"), t);
    assertFalse(t.contains("session,") || t.contains("oidc:"), "sessions are not keys: " + t);
    assertTrue(t.contains("? Passphrase of aws-vault's file backend (~/.awsvault/keys): (hidden)"));
    assertTrue(t.contains("That is not the passphrase of aws-vault's file backend"), t);
    assertTrue(t.contains("(~/.aws/config names " + MFA + ")"), "the profile's device: " + t);
    assertFalse(t.contains("Remove the imported keys"), t);
  }

  @Test
  void aws_vault_file_passphrase_is_used_and_a_wrong_one_stops_with_one_line() throws Exception {
    Path dir = home.resolve("vault-dir");
    AwsVaultFixture.write(dir.resolve("ci"), "vault pass", "AKIAAWSVAULTEXAMPLE1", "s3", "");
    vars.put("AWS_VAULT_FILE_DIR", dir.toString());
    vars.put("AWS_VAULT_FILE_PASSPHRASE", "vault pass");
    InitRequest r =
        complete(new ScriptedQuestions("", "'ci' of aws-vault", "", "n", "global", "n"), nothing());
    assertEquals("AKIAAWSVAULTEXAMPLE1", r.awsVault().keys().accessKeyId());

    vars.put("AWS_VAULT_FILE_PASSPHRASE", "not it");
    ScriptedQuestions q = new ScriptedQuestions("", "'ci' of aws-vault");
    KeyshellException e = assertThrows(KeyshellException.class, () -> complete(q, nothing()));
    assertTrue(e.getMessage().startsWith("wrong passphrase for aws-vault's file backend"));
  }

  /** A fake ykman on PATH that lists these OATH accounts. */
  private void ykman(String accounts) throws Exception {
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path ykman = bin.resolve("ykman");
    Files.writeString(
        ykman,
        "#!/bin/sh\n[ \"$*\" = 'oath accounts list' ] || exit 2\nprintf '" + accounts + "'\n");
    Files.setPosixFilePermissions(ykman, PosixFilePermissions.fromString("rwx------"));
    vars.put("PATH", bin.toString());
  }

  @Test
  void a_yubikey_account_is_chosen_from_what_ykman_lists() throws Exception {
    ykman("GitHub:alice\\nAmazon Web Services:alice@111122223333\\n");
    ScriptedQuestions q =
        new ScriptedQuestions("", "'default'", "", "", "", "YubiKey", "", "global", "n", "n");

    InitRequest r = complete(q, nothing());

    assertEquals(MFA, r.mfaSerial());
    assertEquals("Amazon Web Services:alice@111122223333", r.yubikeyAccount());
    assertNull(r.otpSecret());
    String t = String.join("\n", q.transcript);
    assertTrue(t.contains("One-time codes from a YubiKey (ykman), "), "offered as installed: " + t);
    assertTrue(t.contains("preselected=1"), "the AWS account first: " + t);
  }

  @Test
  void without_ykman_the_yubikey_says_how_to_install_it_and_typed_codes_store_nothing() {
    ScriptedQuestions q =
        new ScriptedQuestions(
            "", "'default'", "", "", "", "YubiKey", "Type the code", "global", "n", "n");

    InitRequest r = complete(q, nothing());

    assertEquals(MFA, r.mfaSerial());
    assertNull(r.otpSecret());
    assertNull(r.yubikeyAccount());
    String t = String.join("\n", q.transcript);
    assertTrue(t.contains("One-time codes from a YubiKey (ykman) (ykman is not installed)"), t);
    assertTrue(t.contains("ykman is not on PATH. Install yubikey-manager"), t);
    assertEquals(
        2, q.transcript.stream().filter(l -> l.contains(MfaStep.SOURCE_QUESTION)).count(), t);
  }

  @Test
  void a_profile_with_mfa_process_offers_it_instead_of_typing() throws Exception {
    Files.writeString(
        home.resolve(".aws/config"),
        "[default]\nmfa_serial = " + MFA + "\nmfa_process = pass otp aws\n");
    ScriptedQuestions q =
        new ScriptedQuestions("", "'default'", "", "", "", "mfa_process", "global", "n", "n");

    InitRequest r = complete(q, nothing());

    assertNull(r.otpSecret());
    assertNull(r.yubikeyAccount());
    assertFalse(String.join("\n", q.transcript).contains("Type the code"), q.transcript.toString());
  }

  /** The stores need a Prompter for the vault passphrase; these tests never unlock. */
  enum NoTerminal implements Prompter {
    INSTANCE;

    @Override
    public boolean interactive() {
      return false;
    }

    @Override
    public int choose(String question, List<String> options, int preselected) {
      throw new AssertionError(question);
    }

    @Override
    public String ask(String question, String defaultValue) {
      throw new AssertionError(question);
    }

    @Override
    public char[] askSecret(String question) {
      throw new AssertionError(question);
    }

    @Override
    public void say(String line) {}
  }
}
