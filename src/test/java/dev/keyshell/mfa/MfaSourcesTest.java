package dev.keyshell.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.proc.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which source gives the MFA code, and how each one fails: real scripts, a real file for a tty. */
class MfaSourcesTest {
  private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  private static final String SERIAL = "arn:aws:iam::123456789012:mfa/alice";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:10Z");
  private static final long STEP = TotpSecret.timeStep(NOW);

  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private MfaSources sources(Map<String, String> extraEnv, Duration timeout) {
    Map<String, String> vars = new HashMap<>();
    vars.put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    vars.put("KEYSHELL_VAULT_PASSPHRASE", "vault-secret");
    vars.putAll(extraEnv);
    return new MfaSources(
        new Env(vars, dir, dir),
        dir.resolve("tty"),
        new ProcessRunner(),
        timeout,
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private MfaSources sources() {
    return sources(Map.of(), Duration.ofSeconds(10));
  }

  private Path script(String name, String body) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static Field otp(String value, String totp) {
    return new Field("f1", "One-Time Password", FieldType.OTP, value, totp);
  }

  private static Field yubikey(String account) {
    return new Field("YubiKey Account", FieldType.STRING, account);
  }

  private String code(List<Field> fields, Map<String, String> profile) {
    return sources().codeFor(SERIAL, fields, NOW, profile, STEP);
  }

  @Test
  void the_stores_current_code_serves_only_the_step_it_was_read_in() {
    Field f = otp(SECRET, "000042");
    assertEquals("000042", code(List.of(f), Map.of()));
    String next = sources().codeFor(SERIAL, List.of(f), NOW, Map.of(), STEP + 1);
    assertEquals(TotpSecret.parse(SECRET).codeAt(TotpSecret.stepStart(STEP + 1)), next);
  }

  @Test
  void computes_the_code_from_the_secret_when_the_store_gives_none() {
    assertEquals(TotpSecret.parse(SECRET).codeAt(NOW), code(List.of(otp(SECRET, null)), Map.of()));
  }

  @Test
  void the_item_otp_wins_over_the_profiles_mfa_process() {
    MfaSource s =
        sources().choose(List.of(otp(SECRET, null)), NOW, Map.of("mfa_process", "echo 111111"));
    assertInstanceOf(ItemOtp.class, s);
  }

  @Test
  void mfa_process_stdout_is_the_code_and_keyshells_secrets_stay_out_of_its_environment()
      throws IOException {
    script(
        "mfa-helper",
        "[ -z \"$KEYSHELL_VAULT_PASSPHRASE\" ] || { echo leaked >&2; exit 3; }\necho ' 246810 '");
    assertEquals("246810", code(List.of(), Map.of("mfa_process", "mfa-helper --profile x")));
  }

  @Test
  void mfa_process_that_prints_no_code_is_one_line_without_its_output() throws IOException {
    script("mfa-helper", "echo hunter2-not-a-code");
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> code(List.of(), Map.of("mfa_process", "mfa-helper")));
    assertEquals(
        "the profile's mfa_process printed something other than a 6-digit code", e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void mfa_process_that_fails_names_its_exit_code_and_first_error_line() throws IOException {
    script("mfa-helper", "echo 'token not found' >&2\nexit 4");
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> code(List.of(), Map.of("mfa_process", "mfa-helper")));
    assertEquals("the profile's mfa_process failed (exit 4): token not found", e.getMessage());
  }

  @Test
  void mfa_process_that_hangs_is_killed_at_the_time_bound() throws IOException {
    script("mfa-helper", "sleep 30\necho 123456");
    long start = System.nanoTime();
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                sources(Map.of(), Duration.ofSeconds(1))
                    .codeFor(SERIAL, List.of(), NOW, Map.of("mfa_process", "mfa-helper"), STEP));
    assertEquals("the profile's mfa_process printed no code within 1s", e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void a_yubikey_account_on_the_item_asks_ykman_for_that_account() throws IOException {
    Path argv = dir.resolve("argv");
    script("ykman", "printf '%s\\n' \"$@\" > " + argv + "\necho 135790");
    assertEquals("135790", code(List.of(otp(SECRET, null), yubikey("AWS:alice")), Map.of()));
    assertEquals(
        List.of("oath", "accounts", "code", "--single", "AWS:alice"), Files.readAllLines(argv));
    assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("touch it if it flashes"));
  }

  @Test
  void ykman_missing_or_failing_is_one_clear_line() throws IOException {
    KeyshellException missing =
        assertThrows(KeyshellException.class, () -> code(List.of(yubikey("AWS:alice")), Map.of()));
    assertEquals(
        "the item's MFA codes come from a YubiKey, and ykman is not on PATH", missing.getMessage());
    script("ykman", "echo 'Error: No YubiKey detected!' >&2\nexit 2");
    KeyshellException failing =
        assertThrows(KeyshellException.class, () -> code(List.of(yubikey("AWS:alice")), Map.of()));
    assertEquals(
        "ykman could not read account 'AWS:alice' (exit 2): Error: No YubiKey detected!",
        failing.getMessage());
  }

  @Test
  void a_typed_code_is_read_from_the_terminal_after_empty_lines_and_a_typo() throws IOException {
    Files.writeString(dir.resolve("tty"), "\n\n12345x\n 654 321\n");
    assertEquals("654321", code(List.of(), Map.of()));
    String screen = Files.readString(dir.resolve("tty"));
    assertTrue(screen.contains("MFA code for " + SERIAL + ": "), screen);
    assertTrue(screen.contains("an MFA code is 6 digits"), screen);
  }

  @Test
  void three_wrong_codes_or_the_end_of_input_give_up() throws IOException {
    Files.writeString(dir.resolve("tty"), "1\n2\n3\n123456\n");
    KeyshellException wrong =
        assertThrows(KeyshellException.class, () -> code(List.of(), Map.of()));
    assertEquals("no 6-digit MFA code after 3 tries", wrong.getMessage());
    // /dev/null: a terminal that is there and closes at once (Ctrl-D).
    MfaSource closed = new TypedCode(Path.of("/dev/null"));
    KeyshellException eof = assertThrows(KeyshellException.class, () -> closed.code(SERIAL, STEP));
    assertEquals("no MFA code was typed", eof.getMessage());
  }

  @Test
  void no_terminal_and_no_other_source_is_one_line_with_the_ways_out() {
    KeyshellException e = assertThrows(KeyshellException.class, () -> code(List.of(), Map.of()));
    assertEquals(
        "MFA device " + SERIAL + " needs a one-time code, and there is no terminal to type it on",
        e.getMessage());
    assertTrue(e.hint().contains("mfa_process"), e.hint());
  }
}
