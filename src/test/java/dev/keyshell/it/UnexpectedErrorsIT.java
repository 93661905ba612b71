package dev.keyshell.it;

import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.MFA;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static dev.keyshell.it.AwsFunctionIT.TOTP_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.store.op.FakeOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that ended in "unexpected error (NullPointerException / SdkClientException /
 * IllegalArgumentException / ArithmeticException)", an OutOfMemoryError or a hang (issue 11,
 * finding 9): each is now one line naming what is wrong and a hint, fast, with nothing sent to STS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnexpectedErrorsIT {
  static final String OTP_ENV_KEY_ID = "AKIAEXAMPLESECOND002";

  Path tmp;
  StsStandIn sts;
  Sandbox box;
  String config;

  @BeforeAll
  void setUp(@TempDir Path dir) throws Exception {
    tmp = dir;
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    config = Files.readString(box.home.resolve(".aws/config"));
  }

  @AfterAll
  void tearDown() {
    sts.close();
  }

  @BeforeEach
  void fresh() {
    box.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    box.env.keySet().removeAll(List.of("AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"));
    box.env.keySet().removeAll(List.of("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"));
    box.config(config);
    box.keyshell(null, "lock").ok();
    sts.reset();
  }

  private static Consumer<UnexpectedErrorsIT> env(String name, String value) {
    return t -> t.box.env.put(name, value);
  }

  private static Arguments row(
      String input, Consumer<UnexpectedErrorsIT> setUp, List<String> args, String says) {
    return Arguments.of(input, setUp, args, says);
  }

  static final List<String> EXPORT = List.of("export");

  /** An import whose TOTP secret (on stdin) is {@code uri}. */
  static final List<String> IMPORT_OTP =
      List.of(
          "plugin",
          "init",
          "aws",
          "--store",
          "local",
          "--import-env",
          "--title",
          "otp",
          "--mfa-serial",
          MFA,
          "--otp-stdin",
          "--scope",
          "global",
          "--yes");

  Stream<Arguments> inputs() {
    String sts = "AWS_ENDPOINT_URL_STS";
    String malformed = sts + " is not a usable STS URL (malformed): ";
    return Stream.of(
        row(
            "STS URL without a closing bracket",
            env(sts, "http://[::1"),
            EXPORT,
            malformed + "http://[::1"),
        row("STS URL without a host", env(sts, "http://"), EXPORT, malformed + "http://"),
        row("STS URL with spaces", env(sts, "not a url"), EXPORT, malformed + "not a url"),
        row(
            "STS URL with a port out of range",
            env(sts, "http://127.0.0.1:99999"),
            EXPORT,
            sts + " is not a usable STS URL (port out of range): http://127.0.0.1:99999"),
        row("STS URL that is a colon", env(sts, ":"), EXPORT, malformed + ":"),
        row("STS URL with a bad escape", env(sts, "http://%zz"), EXPORT, malformed + "http://%zz"),
        row(
            "STS URL of another scheme",
            env(sts, "ftp://x"),
            EXPORT,
            sts + " is not a usable STS URL (not http or https): ftp://x"),
        row(
            "malformed AWS_ENDPOINT_URL",
            t -> {
              t.box.env.remove(sts);
              t.box.env.put("AWS_ENDPOINT_URL", "http://[x");
            },
            EXPORT,
            "AWS_ENDPOINT_URL is not a usable STS URL (malformed): http://[x"),
        row(
            "malformed endpoint_url in the profile",
            t -> {
              t.box.env.remove(sts);
              t.box.config(t.config + "\n[default]\nendpoint_url = http://[x\n");
            },
            EXPORT,
            "endpoint_url in profile default is not a usable STS URL (malformed)"),
        row(
            "AWS_REGION naming another host",
            env("AWS_REGION", "x.evil.com/#"),
            EXPORT,
            "the region 'x.evil.com/#' (from AWS_REGION) is not an AWS region name"),
        row(
            "AWS_DEFAULT_REGION with spaces",
            env("AWS_DEFAULT_REGION", "eu west 1"),
            EXPORT,
            "the region 'eu west 1' (from AWS_DEFAULT_REGION) is not an AWS region name"),
        row(
            "otpauth digits=99999999999",
            t -> t.otp("otpauth://totp/AWS:demo?secret=" + TOTP_SECRET + "&digits=99999999999"),
            IMPORT_OTP,
            "its digits parameter (99999999999) is out of range"),
        row(
            "otpauth period=99999999999",
            t -> t.otp("otpauth://totp/AWS:demo?secret=" + TOTP_SECRET + "&period=99999999999"),
            IMPORT_OTP,
            "its period parameter (99999999999) is out of range"),
        row(
            "AWS_CONFIG_FILE=/dev/zero",
            env("AWS_CONFIG_FILE", "/dev/zero"),
            EXPORT,
            "/dev/zero is not a regular file (a device, a pipe or a socket)"),
        row(
            "AWS_CONFIG_FILE a FIFO",
            t -> env("AWS_CONFIG_FILE", t.fifo().toString()).accept(t),
            EXPORT,
            "fifo is not a regular file (a device, a pipe or a socket)"),
        row(
            "AWS_SHARED_CREDENTIALS_FILE=/dev/zero",
            env("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero"),
            EXPORT,
            "/dev/zero is not a regular file (a device, a pipe or a socket)"),
        // Last: it replaces the global default with an item whose Default Region is hostile.
        row(
            "an item's Default Region naming another host",
            UnexpectedErrorsIT::hostileRegionItem,
            EXPORT,
            "the region 'x.evil.com/#' (from the item's Default Region) is not an AWS region name"));
  }

  private String stdin;

  private void otp(String uri) {
    stdin = uri;
    box.env.put("AWS_ACCESS_KEY_ID", OTP_ENV_KEY_ID);
    box.env.put("AWS_SECRET_ACCESS_KEY", SECRET);
  }

  private Path fifo() {
    Path fifo = tmp.resolve("fifo");
    if (!Files.exists(fifo)) {
      box.run(List.of("/usr/bin/mkfifo", fifo.toString()), null).ok();
    }
    return fifo;
  }

  private void hostileRegionItem() {
    box.credentials(
        "[default]\naws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\nregion = x.evil.com/#\n");
    Users.importDefault(box, "local", "--title", "hostile region").ok();
    box.credentials(""); // the region now comes from the item alone
    box.config("[default]\nmfa_serial = " + MFA + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void is_one_line_and_a_hint(
      String input, Consumer<UnexpectedErrorsIT> setUp, List<String> args, String says) {
    stdin = null;
    setUp.accept(this);
    long start = System.nanoTime();

    Sandbox.Result r = box.keyshell(stdin, args.toArray(String[]::new));

    box.env.keySet().removeAll(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
    long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("keyshell: "), r.toString());
    assertTrue(lines.get(0).contains(says), r.toString());
    assertTrue(lines.get(1).startsWith("hint: "), r.toString());
    assertFalse(r.err().contains("unexpected"), r.toString());
    assertEquals(List.of(), sts.calls(), "nothing sent to STS");
    assertTrue(seconds < 30, "took " + seconds + " s");
  }

  @Test
  void an_op_that_prints_nothing_says_so(@TempDir Path other) throws IOException {
    FakeOp op = new FakeOp(other.resolve("fake-op"));
    Sandbox opBox = new Sandbox(other.resolve("sandbox"));
    opBox.env.putAll(op.settings());
    opBox.env.put("PATH", op.bin + ":" + Sandbox.PATH);
    opBox.env.put("AWS_ENDPOINT_URL_STS", sts.url());
    opBox.credentials(
        "[default]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
    Users.importDefault(opBox, "op").ok();
    opBox.env.put("OP_FAKE_MODE", "silent");

    Sandbox.Result r = opBox.keyshell(null, "exec", "--", "true");

    assertEquals(1, r.exit(), r.toString());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.get(0).startsWith("keyshell: op printed nothing for '"), r.toString());
    assertFalse(r.err().contains("null"), r.toString());
  }

  @Test
  void a_secret_in_a_comment_line_goes_with_the_imported_keys(@TempDir Path other)
      throws IOException {
    Sandbox commented = new Sandbox(other);
    commented.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    String rest = "[other]\nregion = eu-west-1\n";
    commented.credentials(
        "# old one, just in case:\n# aws_secret_access_key = "
            + SECRET
            + "\n[default]\n"
            + "aws_access_key_id = "
            + KEY_ID
            + "\naws_secret_access_key = "
            + SECRET
            + "\n"
            + rest);

    Sandbox.Result init = Users.importDefault(commented, "local", "--remove-plaintext").ok();

    assertEquals(
        "# old one, just in case:\n" + rest,
        Files.readString(commented.home.resolve(".aws/credentials")),
        init.toString());
  }
}
