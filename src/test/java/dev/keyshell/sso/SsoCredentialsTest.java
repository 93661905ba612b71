package dev.keyshell.sso;

import static dev.keyshell.sso.IdentityCenterStandIn.ACCESS_TOKEN;
import static dev.keyshell.sso.IdentityCenterStandIn.ROLE_KEY_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/** The sign-in, token and role credentials against the stand-in, through the real SDK clients. */
class SsoCredentialsTest {
  static final String CONFIG =
      """
      [profile dev]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Developer
      [profile other-role]
      sso_session = corp
      sso_account_id = 111122223333
      sso_role_name = Auditor
      [profile wrong-url]
      sso_start_url = https://wrong.awsapps.com/start
      sso_region = eu-west-1
      sso_account_id = 111122223333
      sso_role_name = Developer
      [sso-session corp]
      sso_start_url = https://standin.awsapps.com/start
      sso_region = eu-west-1
      """;

  @TempDir Path tmp;
  IdentityCenterStandIn standIn;
  Env env;
  Dirs dirs;
  ByteArrayOutputStream err = new ByteArrayOutputStream();
  ProfileFile files = SsoProfilesTest.parse(CONFIG);

  @BeforeEach
  void setUp() throws Exception {
    standIn = new IdentityCenterStandIn();
    Path home = Files.createDirectories(tmp.resolve("home"));
    env =
        new Env(
            Map.of(
                "HOME", home.toString(),
                "PATH", "/usr/bin:/bin",
                "XDG_RUNTIME_DIR", Files.createDirectories(tmp.resolve("run")).toString(),
                "BROWSER", IdentityCenterStandIn.browserScript(tmp).toString(),
                "KEYSHELL_NO_TTY", "1"),
            home,
            home);
    dirs = Dirs.of(env);
  }

  @AfterEach
  void tearDown() {
    standIn.close();
  }

  SsoCredentials sso(Clock clock) {
    URI url = URI.create(standIn.url());
    return new SsoCredentials(
        env,
        dirs,
        new PrintStream(err, true, StandardCharsets.UTF_8),
        clock,
        new SsoEndpoints(Optional.of(url), Optional.of(url)),
        d -> Thread.sleep(50));
  }

  @Test
  void signs_in_once_in_the_browser_and_gets_the_role_credentials() {
    SessionCredentials c = sso(Clock.systemUTC()).forProfile(files, "dev");
    assertEquals(ROLE_KEY_ID, c.accessKeyId());
    assertTrue(c.expiration().isAfter(java.time.Instant.now().plusSeconds(3000)), c.toString());
    assertEquals(1, standIn.count("POST", "/client/register", 200));
    assertEquals(1, standIn.count("POST", "/device_authorization", 200));
    assertEquals(1, standIn.tokensIssued("device_code"));
    String shown = err.toString(StandardCharsets.UTF_8);
    assertTrue(shown.contains("opened in your browser: " + standIn.url() + "/verify"), shown);
    assertTrue(shown.contains(IdentityCenterStandIn.USER_CODE), shown);
    assertFalse(shown.contains(ACCESS_TOKEN), shown);

    // The same role again: from the cache. Another role of the session: the token, no sign-in.
    sso(Clock.systemUTC()).forProfile(files, "dev");
    assertEquals(1, standIn.count("GET", "/federation/credentials", 200));
    KeyshellException noAccess =
        assertThrows(
            KeyshellException.class, () -> sso(Clock.systemUTC()).forProfile(files, "other-role"));
    assertEquals(
        "no access to role Auditor in account 111122223333 through sso-session 'corp': No access",
        noAccess.getMessage());
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));
    assertEquals(1, standIn.count("POST", "/client/register", 0));
  }

  @Test
  void an_expiring_token_is_refreshed_without_a_sign_in() {
    sso(Clock.systemUTC()).forProfile(files, "dev");
    // Nine hours on: the 8-hour token and the 1-hour role credentials have both expired.
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(9));
    SsoCredentials sso = sso(later);
    sso.forProfile(files, "dev");
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));
    assertEquals(1, standIn.tokensIssued("refresh_token"));
    assertTrue(
        standIn.server.getAllServeEvents().stream()
            .anyMatch(
                e ->
                    IdentityCenterStandIn.REFRESHED_TOKEN.equals(
                        e.getRequest().getHeader("x-amz-sso_bearer_token"))));
    assertTrue(
        sso.status(SsoCredentials.namedSession(files, "corp")).contains(": signed in until "),
        sso.status(SsoCredentials.namedSession(files, "corp")));
  }

  @Test
  void eight_threads_after_expiry_share_one_refresh() throws Exception {
    sso(Clock.systemUTC()).forProfile(files, "dev");
    SsoCredentials later = sso(Clock.offset(Clock.systemUTC(), Duration.ofHours(9)));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<SessionCredentials>> all = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(() -> later.forProfile(files, "dev")));
      }
      for (var f : all) {
        assertEquals(ROLE_KEY_ID, f.get().accessKeyId());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, standIn.tokensIssued("refresh_token"));
    assertEquals(1, standIn.count("POST", "/device_authorization", 0));
    // (Each thread still calls the portal: its role credentials expire by the real clock, an
    // hour from now, which the shifted clock already counts as past.)
  }

  @Test
  void a_refused_refresh_means_one_new_sign_in() {
    sso(Clock.systemUTC()).forProfile(files, "dev");
    standIn.refuseRefresh();
    standIn.forgetApproval();
    sso(Clock.offset(Clock.systemUTC(), Duration.ofHours(9))).forProfile(files, "dev");
    assertEquals(2, standIn.count("POST", "/device_authorization", 200));
    assertEquals(2, standIn.tokensIssued("device_code"));
    assertEquals(0, standIn.tokensIssued("refresh_token"));
  }

  @Test
  void polls_at_the_services_interval_and_five_seconds_slower_after_slow_down() {
    standIn.slowDownOnce();
    List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
    URI url = URI.create(standIn.url());
    new SsoCredentials(
            env,
            dirs,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemUTC(),
            new SsoEndpoints(Optional.of(url), Optional.of(url)),
            d -> {
              waits.add(d);
              Thread.sleep(50);
            })
        .forProfile(files, "dev");
    assertEquals(Duration.ofSeconds(1), waits.get(0), waits.toString());
    assertEquals(Duration.ofSeconds(6), waits.get(1), waits.toString());
    assertEquals(Duration.ofSeconds(6), waits.get(waits.size() - 1), waits.toString());
    assertEquals(1, standIn.tokensIssued("device_code"));
  }

  @Test
  void a_denied_sign_in_is_one_line_and_a_hint() {
    standIn.denyApprovals();
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> sso(Clock.systemUTC()).forProfile(files, "dev"));
    assertEquals(
        "the IAM Identity Center sign-in for sso-session 'corp' was denied in the browser",
        e.getMessage());
    assertEquals("run keyshell sso login again and choose Allow on the page it opens", e.hint());
  }

  @Test
  void a_code_nobody_approves_expires() {
    standIn.deviceCodes(1, 1);
    env = withoutBrowser(env);
    KeyshellException e =
        assertThrows(
            KeyshellException.class,
            () ->
                new SsoCredentials(
                        env,
                        dirs,
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.systemUTC(),
                        new SsoEndpoints(
                            Optional.of(URI.create(standIn.url())),
                            Optional.of(URI.create(standIn.url()))),
                        d -> Thread.sleep(d.toMillis()))
                    .forProfile(files, "dev"));
    assertTrue(
        e.getMessage().contains("sign-in code for sso-session 'corp' expired"), e.getMessage());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("open this page: "));
  }

  @Test
  void a_wrong_start_url_names_the_url_and_the_settings_to_check() {
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> sso(Clock.systemUTC()).forProfile(files, "wrong-url"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "IAM Identity Center refused StartDeviceAuthorization for"
                    + " https://wrong.awsapps.com/start in eu-west-1 (InvalidRequestException)"),
        e.getMessage());
    assertTrue(e.hint().contains("sso_start_url"), e.hint());
  }

  @Test
  void the_portal_down_is_one_line_and_a_hint() {
    sso(Clock.systemUTC()).login(SsoCredentials.namedSession(files, "corp"), files, "dev", false);
    standIn.portalDown();
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> sso(Clock.systemUTC()).forProfile(files, "dev"));
    assertTrue(
        e.getMessage().startsWith("the AWS access portal for sso-session 'corp' is unavailable"),
        e.getMessage());
    assertTrue(e.hint().startsWith("try again in a few minutes"), e.hint());
  }

  @Test
  void logout_forgets_the_token_and_tells_the_portal() throws Exception {
    SsoCredentials sso = sso(Clock.systemUTC());
    SsoSession corp = SsoCredentials.namedSession(files, "corp");
    sso.login(corp, files, "dev", false);
    assertEquals(1, sso.logout(files, "dev"));
    assertEquals(1, standIn.count("POST", "/logout", 200));
    assertTrue(sso.status(corp).endsWith(": not signed in (keyshell sso login)"), sso.status(corp));
  }

  private static Env withoutBrowser(Env env) {
    Map<String, String> vars = new java.util.HashMap<>(env.vars());
    vars.remove("BROWSER");
    vars.put("PATH", "/nonexistent");
    return new Env(vars, env.home(), env.cwd());
  }
}
