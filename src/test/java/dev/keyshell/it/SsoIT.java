package dev.keyshell.it;

import static dev.keyshell.sso.IdentityCenterStandIn.ACCESS_TOKEN;
import static dev.keyshell.sso.IdentityCenterStandIn.CLIENT_SECRET;
import static dev.keyshell.sso.IdentityCenterStandIn.DEVICE_CODE;
import static dev.keyshell.sso.IdentityCenterStandIn.REFRESH_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.sso.IdentityCenterStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell sso} as a person and many programs at once use it, against the stand-in. */
class SsoIT {
  static final String CONFIG =
      """
      [profile dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Developer
      region = eu-west-1
      [sso-session corp]
      sso_start_url = https://standin.awsapps.com/start
      sso_region = eu-west-1
      """;

  @TempDir Path tmp;
  IdentityCenterStandIn standIn;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    standIn = new IdentityCenterStandIn();
    box = new Sandbox(tmp);
    box.config(CONFIG);
    box.env.put("AWS_ENDPOINT_URL_SSO_OIDC", standIn.url());
    box.env.put("AWS_ENDPOINT_URL_SSO", standIn.url());
    box.env.put("BROWSER", IdentityCenterStandIn.browserScript(tmp).toString());
  }

  @AfterEach
  void tearDown() {
    standIn.close();
  }

  @Test
  void eight_parallel_cold_logins_make_one_device_authorization() {
    Sandbox.Result r = parallel(box, 8, Sandbox.KEYSHELL + " sso login --profile dev");
    assertEquals(1, standIn.count("POST", "/device_authorization", 0), r.err());
    assertEquals(1, standIn.tokensIssued("device_code"), r.err());
    assertEquals(1, standIn.count("POST", "/client/register", 0), r.err());
    assertEquals(8, r.err().split("signed in until ", -1).length - 1, r.err());
    // One browser sign-in was shown; whoever waited said so once.
    assertEquals(1, r.err().split("sign in to IAM Identity Center", -1).length - 1, r.err());
    for (String line : r.err().split("\n")) {
      assertTrue(
          line.startsWith("keyshell: ") || line.startsWith("  "), "unexpected line: " + line);
    }
  }

  @Test
  void eight_parallel_callers_after_expiry_make_one_refresh_and_no_sign_in() {
    standIn.deviceTokensLast(240); // under five minutes: the next use refreshes
    box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    Sandbox.Result r = parallel(box, 8, Sandbox.KEYSHELL + " sso login --profile dev");
    assertEquals(1, standIn.count("POST", "/device_authorization", 0), r.err());
    assertEquals(1, standIn.tokensIssued("refresh_token"), r.err());
    assertEquals(0, r.err().split("sign in to IAM Identity Center", -1).length - 1, r.err());
  }

  @Test
  void a_refused_refresh_makes_one_new_sign_in() {
    standIn.deviceTokensLast(240);
    box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    standIn.refuseRefresh();
    standIn.forgetApproval();
    Sandbox.Result r = box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    assertTrue(r.err().contains("sign in to IAM Identity Center"), r.err());
    assertEquals(2, standIn.count("POST", "/device_authorization", 0), r.err());
    assertEquals(0, standIn.tokensIssued("refresh_token"), r.err());
  }

  /**
   * Runs {@code command} {@code n} times at once in bash (each with {@code $i}, its index); fails
   * unless all exit 0; their stderr, concatenated, is the result's.
   */
  static Sandbox.Result parallel(Sandbox box, int n, String command) {
    return box.shell(
            "bash",
            "for i in $(seq 0 "
                + (n - 1)
                + "); do "
                + command
                + " > out$i 2> err$i & pids=\"$pids $!\"; done;"
                + " fail=0; for p in $pids; do wait $p || fail=1; done;"
                + " cat err* >&2; exit $fail")
        .ok();
  }

  @Test
  void login_again_reuses_the_token_and_logout_forgets_it() {
    box.keyshell(null, "sso", "login", "--sso-session", "corp").ok();
    Sandbox.Result again = box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    assertTrue(again.err().isEmpty() || again.err().contains("signed in until"), again.err());
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));

    Sandbox.Result out = box.keyshell(null, "sso", "logout").ok();
    assertEquals("keyshell: signed out of IAM Identity Center (1 sign-in forgotten)\n", out.err());
    assertEquals(1, standIn.count("POST", "/logout", 200));
    box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    assertEquals(2, standIn.count("POST", "/device_authorization", 0));
  }

  @Test
  void a_denied_sign_in_is_one_line_and_a_hint() {
    standIn.denyApprovals();
    Sandbox.Result r = box.keyshell(null, "sso", "login", "--profile", "dev");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(
        r.err()
            .endsWith(
                "keyshell: the IAM Identity Center sign-in for sso-session 'corp' was denied in the"
                    + " browser\nhint: run keyshell sso login again and choose Allow on the page it"
                    + " opens\n"),
        r.err());
  }

  @Test
  void the_token_is_never_in_clear_under_home_the_runtime_dir_or_tmp() throws IOException {
    long start = System.currentTimeMillis() - 1000;
    box.keyshell(null, "sso", "login", "--profile", "dev").ok();
    for (String secret : List.of(ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, DEVICE_CODE)) {
      assertEquals(List.of(), Sandbox.filesContaining(box.root, secret), secret);
      assertEquals(List.of(), recentFilesContaining(Path.of("/tmp"), secret, start), secret);
    }
    assertTrue(Files.notExists(box.home.resolve(".aws/sso")), "nothing in ~/.aws/sso");
    assertTrue(
        Files.isDirectory(box.home.resolve(".cache/keyshell/sso")), "the sealed token is there");
  }

  /** Files below {@code dir} written since {@code since} that hold {@code needle}. */
  private static List<Path> recentFilesContaining(Path dir, String needle, long since)
      throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        try {
          if (Files.isRegularFile(f)
              && Files.getLastModifiedTime(f).toMillis() >= since
              && Files.size(f) < 10_000_000
              && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
                  .contains(new String(n, StandardCharsets.ISO_8859_1))) {
            hits.add(f);
          }
        } catch (IOException e) {
          // gone or unreadable meanwhile: not ours
        }
      }
    } catch (java.io.UncheckedIOException e) {
      // a directory vanished during the walk (other builds use /tmp): what was read counts
    }
    return hits;
  }
}
