package dev.keyshell.provision;

import static dev.keyshell.provision.ProvisionWorld.KEY_ID;
import static dev.keyshell.provision.ProvisionWorld.MFA;
import static dev.keyshell.provision.ProvisionWorld.ROLE_KEY_ID;
import static dev.keyshell.provision.ProvisionWorld.SECRET;
import static dev.keyshell.provision.ProvisionWorld.SESSION_EXPIRY;
import static dev.keyshell.provision.ProvisionWorld.SESSION_KEY_ID;
import static dev.keyshell.provision.ProvisionWorld.START;
import static dev.keyshell.provision.ProvisionWorld.TOTP_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.cache.CacheKey;
import dev.keyshell.cache.SealedFile;
import dev.keyshell.cache.SessionCache;
import dev.keyshell.otp.TotpSecret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provisioning end to end in one JVM: real vault, real cache, WireMock STS, a test clock. */
class ProvisionerTest {
  static final String ADMIN = "arn:aws:iam::222222222222:role/admin";
  static final String AUDIT = "arn:aws:iam::333333333333:role/audit";

  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @TempDir Path tmp;
  ProvisionWorld world;

  @BeforeEach
  void setUp() throws Exception {
    world = new ProvisionWorld(tmp);
    world.config(config("", ""));
  }

  @AfterEach
  void tearDown() {
    world.close();
  }

  /** default (MFA) -> admin (7200 s, external id) -> audit (7200 s asked, chained). */
  static String config(String extraRootLines, String extraAdminLines) {
    return "[default]\nregion = eu-west-1\nmfa_serial = "
        + MFA
        + "\n"
        + extraRootLines
        + "\n[profile admin]\nrole_arn = "
        + ADMIN
        + "\nsource_profile = default\nexternal_id = ext-1\nduration_seconds = 7200\n"
        + extraAdminLines
        + "\n[profile audit]\nrole_arn = "
        + AUDIT
        + "\nsource_profile = admin\nduration_seconds = 7200\nregion = us-west-2\n";
  }

  @Test
  void one_mfa_session_signs_the_chain_with_the_rfc6238_code_and_durations_as_designed() {
    Minted m = world.provision("audit");

    assertEquals(ROLE_KEY_ID, m.credentials().accessKeyId());
    assertEquals("us-west-2", m.region().orElseThrow());
    List<Map<String, String>> calls = world.calls();
    assertEquals(3, calls.size(), calls.toString());
    Map<String, String> gst = calls.get(0);
    assertEquals("GetSessionToken", gst.get("Action"));
    assertEquals(MFA, gst.get("SerialNumber"));
    assertEquals(TotpSecret.parse(TOTP_SECRET).codeAt(START), gst.get("TokenCode"));
    assertEquals("28800", gst.get("DurationSeconds"));
    assertEquals(KEY_ID, gst.get("signer"), "only GetSessionToken uses the long-lived key");

    Map<String, String> admin = calls.get(1);
    assertEquals(ADMIN, admin.get("RoleArn"));
    assertEquals("ext-1", admin.get("ExternalId"));
    assertEquals("7200", admin.get("DurationSeconds"), "signed by a session, not a role");
    assertEquals("keyshell-alice-" + START.getEpochSecond(), admin.get("RoleSessionName"));
    assertFalse(admin.containsKey("TokenCode"), "the MFA session already carries MFA");
    assertEquals(SESSION_KEY_ID, admin.get("signer"));

    Map<String, String> audit = calls.get(2);
    assertEquals(AUDIT, audit.get("RoleArn"));
    assertEquals("3600", audit.get("DurationSeconds"), "role chaining is capped at one hour");
    assertEquals(ROLE_KEY_ID, audit.get("signer"));
  }

  @Test
  void reuses_cached_session_until_five_minutes_before_expiry_then_refreshes() {
    world.provision("default");
    world.clock.set(SESSION_EXPIRY.minus(FIVE_MINUTES).minusSeconds(1));
    world.provision("default");
    assertEquals(1, world.calls("GetSessionToken").size(), "still over five minutes left");

    world.clock.set(SESSION_EXPIRY.minus(FIVE_MINUTES).plusSeconds(1));
    world.answer(
        "Action=GetSessionToken",
        "GetSessionToken.moto-rendered.xml",
        SESSION_EXPIRY.plus(Duration.ofHours(8)));
    world.provision("default");
    List<Map<String, String>> gst = world.calls("GetSessionToken");
    assertEquals(2, gst.size(), "under five minutes left: minted again");
    assertEquals(
        TotpSecret.parse(TOTP_SECRET).codeAt(world.clock.instant()), gst.get(1).get("TokenCode"));
  }

  @Test
  void a_spent_totp_step_waits_for_the_next_step_and_says_so() throws Exception {
    world.provision("default");
    forgetSessions();
    world.clock.advance(Duration.ofSeconds(1));

    world.provision("default");

    List<Map<String, String>> gst = world.calls("GetSessionToken");
    assertEquals(2, gst.size());
    assertEquals(1, world.slept.size(), world.slept.toString());
    long stepStart = START.getEpochSecond() / 30 * 30;
    assertEquals(
        Duration.ofSeconds(stepStart + 30).minusSeconds(START.getEpochSecond() + 1),
        world.slept.get(0));
    assertTrue(world.err().contains("already used; waiting"), world.err());
    String next = TotpSecret.parse(TOTP_SECRET).codeAt(START.plusSeconds(30));
    assertEquals(next, gst.get(1).get("TokenCode"));
    assertFalse(gst.get(0).get("TokenCode").equals(gst.get(1).get("TokenCode")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "role         | admin | role_arn = arn:aws:iam::222222222222:role/other  | AssumeRole",
        "external id  | admin | external_id = ext-2                              | AssumeRole",
        "session name | admin | role_session_name = bob                          | AssumeRole",
        "duration     | admin | duration_seconds = 3600                          | AssumeRole",
        "MFA serial   | root  | mfa_serial = arn:aws:iam::111111111111:mfa/other | GetSessionToken",
      })
  void cache_keys_change_with_what_changes_the_result(
      String what, String where, String line, String action) throws Exception {
    world.provision("admin");
    world.provision("admin");
    assertEquals(1, world.calls(action).size());

    // A later line wins in the SDK's parser, so appending changes just this setting.
    world.config(where.equals("root") ? config(line + "\n", "") : config("", line + "\n"));
    world.provision("admin");
    assertEquals(2, world.calls(action).size(), what + " must be part of the cache key");
  }

  @Test
  void a_setting_that_does_not_change_the_sts_result_reuses_the_cached_sessions() throws Exception {
    world.provision("admin");
    world.config(config("", "region = ap-south-1\n"));
    Minted m = world.provision("admin");
    assertEquals(2, world.calls().size(), "one GetSessionToken and one AssumeRole only");
    assertEquals("ap-south-1", m.region().orElseThrow(), "the warm entry was not reused");
  }

  @Test
  void the_long_lived_key_never_lands_in_the_cache_even_after_decrypting_it() throws Exception {
    world.provision("audit");
    byte[] key = new CacheKey(world.dirs.runtime()).existing().orElseThrow();
    int opened = 0;
    for (Path dir : List.of(world.dirs.cache(), world.dirs.runtime())) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String raw = Files.readString(f, StandardCharsets.ISO_8859_1);
          assertFalse(raw.contains(KEY_ID) || raw.contains(SECRET), f.toString());
          var plain = SealedFile.open(key, f);
          if (plain.isPresent()) {
            opened++;
            String text = new String(plain.get(), StandardCharsets.UTF_8);
            assertFalse(text.contains(KEY_ID) || text.contains(SECRET), f.toString());
            assertFalse(text.contains(TOTP_SECRET), f.toString());
          }
        }
      }
    }
    assertEquals(4, opened, "one warm entry and three STS sessions were decrypted and checked");
  }

  private void forgetSessions() throws Exception {
    CacheKey key = new CacheKey(world.dirs.runtime());
    for (String ns : Provisioner.CACHE_NAMESPACES) {
      new SessionCache(world.dirs.cache(), ns, key).clear();
    }
  }
}
