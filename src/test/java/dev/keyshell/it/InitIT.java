package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted {@code plugin init aws} as a user runs it, with what it refuses. */
class InitIT {
  static final String CREDS =
      "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = s3cr3t\n";

  @TempDir Path tmp;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    box = new Sandbox(tmp);
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    box.credentials(CREDS);
  }

  private Sandbox.Result init(String stdin, String... extra) {
    return Users.importProfile(box, stdin, "local", "default", extra);
  }

  @Test
  void a_refused_scope_leaves_nothing_behind() {
    Sandbox.Result r = init(null, "--scope", "session", "--remove-plaintext");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("no keyshell session"), r.toString());
    assertFalse(Files.exists(box.home.resolve(".local/share/keyshell")), "no vault was created");
    assertEquals(CREDS, read(box.home.resolve(".aws/credentials")));
  }

  @Test
  void a_bad_totp_secret_is_refused_before_anything_is_stored() {
    Sandbox.Result r =
        init(
            "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8",
            "--mfa-serial",
            "arn:aws:iam::123456789012:mfa/x",
            "--otp-stdin",
            "--scope",
            "global");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("8 digits"), r.toString());
    assertFalse(r.err().contains("JBSWY3DPEHPK3PXP"), "the secret is never echoed");
    assertFalse(Files.exists(box.home.resolve(".local/share/keyshell")));
  }

  @Test
  void running_init_twice_reuses_the_item_and_a_changed_key_is_refused() {
    init(null, "--scope", "global", "--keep-plaintext").ok();
    Sandbox.Result again = init(null, "--scope", "global", "--keep-plaintext").ok();
    assertTrue(again.err().contains("already holds this key"), again.toString());

    box.credentials(CREDS.replace("s3cr3t", "rotated"));
    Sandbox.Result changed = init(null, "--scope", "global");
    assertEquals(1, changed.exit(), changed.toString());
    assertTrue(changed.err().contains("already exists and holds other values"), changed.toString());
    assertTrue(changed.err().contains("--title"), changed.toString());
  }

  @Test
  void a_directory_default_is_written_and_trusted_and_inspect_shows_it() throws Exception {
    Path project = Files.createDirectories(box.home.resolve("project"));
    Sandbox.Result r =
        box.run(
                java.util.List.of(
                    "/bin/sh",
                    "-c",
                    "cd '"
                        + project
                        + "' && '"
                        + Sandbox.KEYSHELL
                        + "' plugin init aws --store local"
                        + " --import-profile default --scope directory --yes && '"
                        + Sandbox.KEYSHELL
                        + "' plugin inspect"),
                null)
            .ok();
    assertTrue(Files.exists(project.resolve(".keyshell/plugins/aws.json")));
    assertTrue(
        r.out()
            .contains("default  'AWS default' in vault 'Private' (local) from the directory scope"),
        r.toString());
    assertTrue(r.out().contains("'AWS default' in vault 'Private' (local)"), r.toString());
  }

  @Test
  void remove_plaintext_with_an_environment_import_is_a_usage_error_that_writes_nothing() {
    box.env.put("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE");
    box.env.put("AWS_SECRET_ACCESS_KEY", "s3cr3t");
    Sandbox.Result r =
        box.keyshell(
            null,
            "plugin",
            "init",
            "aws",
            "--store",
            "local",
            "--import-env",
            "--remove-plaintext",
            "--scope",
            "global",
            "--yes");
    assertEquals(2, r.exit(), r.toString());
    assertEquals(
        "keyshell: --remove-plaintext only applies to --import-profile\n"
            + "hint: unset the environment variables yourself once the item works\n",
        r.err(),
        r.toString());
    assertEquals("", r.out(), r.toString());
    assertFalse(Files.exists(box.home.resolve(".local/share/keyshell")), "no vault was created");
    assertFalse(Files.exists(box.configDir().resolve("plugins/aws.json")), "no default written");
    assertEquals(CREDS, read(box.home.resolve(".aws/credentials")));
  }

  @Test
  void yes_takes_the_wizards_default_and_removes_the_imported_keys_unless_told_to_keep_them() {
    box.credentials(CREDS + "[other]\nregion = eu-west-1\n");
    init(null, "--scope", "global", "--keep-plaintext").ok();
    assertEquals(
        CREDS + "[other]\nregion = eu-west-1\n", read(box.home.resolve(".aws/credentials")));

    init(null, "--scope", "global").ok();
    assertEquals("[other]\nregion = eu-west-1\n", read(box.home.resolve(".aws/credentials")));
  }

  @Test
  void without_a_utf8_locale_the_masked_key_is_plain_ascii() {
    box.env.remove("LANG");
    Sandbox.Result r = init(null, "--scope", "global").ok();
    assertTrue(r.err().contains("Saved 'AWS default' (AKIA...MPLE)"), r.toString());
    assertFalse((r.out() + r.err()).contains("?"), r.toString());
  }

  @Test
  void an_mfa_serial_that_is_no_device_is_a_usage_error() {
    Sandbox.Result r = init(null, "--mfa-serial", "alice", "--scope", "global");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err().startsWith("keyshell: --mfa-serial 'alice' is not an MFA device\n"), r.err());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
