package dev.keyshell.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.testing.Conformance;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.profiles.ProfileFile;

class StsMinterTest {
  private static final String LONG_LIVED_ID = "AKIALONGLIVED0000001";
  private static final String LONG_LIVED_SECRET = "longLivedSecretNeverSentOrShown0000000001";
  private static final String MFA = "arn:aws:iam::111111111111:mfa/alice";
  private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AwsKeys KEYS =
      new AwsKeys(
          LONG_LIVED_ID, LONG_LIVED_SECRET, Optional.empty(), Optional.empty(), Optional.empty());

  private final WireMockServer sts =
      new WireMockServer(WireMockConfiguration.options().dynamicPort());
  private final TotpCodes codes = new TotpCodes(TotpSecret.parse(TOTP_SECRET), CLOCK);

  @BeforeEach
  void start() {
    sts.start();
  }

  @AfterEach
  void stop() {
    sts.stop();
  }

  private StsMinter minter(MfaCodeSource source) {
    ProfileFile empty =
        ProfileFile.builder()
            .content(new java.io.ByteArrayInputStream(new byte[0]))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();
    StsSettings settings =
        StsSettings.of(
                new Env(
                    Map.of("USER", "alice"),
                    java.nio.file.Path.of("/nohome"),
                    java.nio.file.Path.of("/")),
                empty,
                ProfileChain.root("default"))
            .withEndpointOverride(URI.create(sts.baseUrl()));
    return new StsMinter(settings, source, CLOCK);
  }

  private void answer(String bodyContains, int status, String conformanceFile) {
    sts.stubFor(
        post(urlEqualTo("/"))
            .withRequestBody(containing(bodyContains))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(Conformance.text("sts/" + conformanceFile))));
  }

  /** The requests STS received, in order, as their form parameters plus the signing key id. */
  private List<Map<String, String>> received() {
    List<Map<String, String>> calls = new ArrayList<>();
    for (LoggedRequest r : sts.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      Map<String, String> params = new LinkedHashMap<>();
      for (String pair : r.getBodyAsString().split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
      Matcher m = Pattern.compile("Credential=([^/]+)/").matcher(r.getHeader("Authorization"));
      params.put("signer", m.find() ? m.group(1) : "unsigned");
      params.put("token?", String.valueOf(r.containsHeader("X-Amz-Security-Token")));
      calls.add(params);
    }
    java.util.Collections.reverse(calls); // serve events come newest first
    return calls;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Test
  void one_mfa_session_signs_the_first_role_and_each_role_signs_the_next() {
    answer("Action=GetSessionToken", 200, "GetSessionToken.moto-rendered.xml");
    answer("role%2Fjump", 200, "AssumeRole.moto-rendered.xml");
    answer("role%2Fadmin", 200, "AssumeRole.smithy-rs.xml");
    RoleStep jump =
        new RoleStep(
            "jump",
            "arn:aws:iam::111111111111:role/jump",
            Optional.empty(),
            Optional.empty(),
            Optional.of(7200),
            Optional.of(MFA));
    RoleStep admin =
        new RoleStep(
            "admin",
            "arn:aws:iam::222222222222:role/admin",
            Optional.of("ext-42"),
            Optional.of("alice-admin"),
            Optional.of(7200),
            Optional.empty());
    ProfileChain chain =
        new ProfileChain("admin", "base", Optional.empty(), Optional.empty(), List.of(jump, admin));

    SessionCredentials minted;
    try (StsMinter minter = minter(codes)) {
      minted = new ChainMinter(minter).mint(KEYS, chain);
    }

    assertEquals("ASIARTESTID", minted.accessKeyId());
    assertEquals("TESTSESSIONTOKEN", minted.sessionToken());
    assertEquals(Instant.parse("2021-08-05T19:58:02Z"), minted.expiration());
    List<Map<String, String>> calls = received();
    assertEquals(3, calls.size());
    assertEquals(
        Map.of(
            "Action", "GetSessionToken",
            "Version", "2011-06-15",
            "DurationSeconds", "28800",
            "SerialNumber", MFA,
            "TokenCode", "324550", // otpauth-uris.json: JBSWY3DPEHPK3PXP at 1700000000
            "signer", LONG_LIVED_ID,
            "token?", "false"),
        calls.get(0));
    assertEquals(
        Map.of(
            "Action", "AssumeRole",
            "Version", "2011-06-15",
            "RoleArn", "arn:aws:iam::111111111111:role/jump",
            "RoleSessionName", "keyshell-alice-1700000000",
            "DurationSeconds", "7200", // an MFA session is not a role: no chaining cap
            "signer", "AKIAIOSFODNN7EXAMPLE",
            "token?", "true"),
        calls.get(1));
    assertEquals(
        Map.of(
            "Action", "AssumeRole",
            "Version", "2011-06-15",
            "RoleArn", "arn:aws:iam::222222222222:role/admin",
            "RoleSessionName", "alice-admin",
            "ExternalId", "ext-42",
            "DurationSeconds", "3600", // role chaining: capped at one hour
            "signer", "ASIAIOSFODNN7EXAMPLE",
            "token?", "true"),
        calls.get(2));
    assertEquals(1, codes.read, "one code for the whole chain");
  }

  @Test
  void without_mfa_or_roles_gets_a_plain_session_token() {
    answer("Action=GetSessionToken", 200, "GetSessionToken.botocore.xml");
    SessionCredentials minted;
    try (StsMinter minter = minter(TotpCodes.none())) {
      minted = new ChainMinter(minter).mint(KEYS, ProfileChain.root("default"));
    }
    assertEquals("AKIAIOSFODNN7EXAMPLE", minted.accessKeyId());
    assertEquals("wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", minted.secretAccessKey());
    assertEquals(Instant.parse("2011-07-11T19:55:29.611Z"), minted.expiration());
    assertTrue(minted.sessionToken().startsWith("AQoEXAMPLEH4aoAH0gNCAPyJxz4BlCFFxWNE1OPTgk5"));
    Map<String, String> call = received().get(0);
    assertEquals(
        Map.of(
            "Action", "GetSessionToken",
            "Version", "2011-06-15",
            "DurationSeconds", "28800",
            "signer", LONG_LIVED_ID,
            "token?", "false"),
        call);
  }

  @Test
  void without_mfa_the_long_lived_key_assumes_the_role_directly() {
    answer("Action=AssumeRole", 200, "AssumeRole.moto-rendered.xml");
    ProfileChain chain =
        new ProfileChain(
            "r",
            "b",
            Optional.empty(),
            Optional.empty(),
            List.of(roleOnly("r", "arn:aws:iam::1:role/r")));
    try (StsMinter minter = minter(TotpCodes.none())) {
      assertEquals("ASIAIOSFODNN7EXAMPLE", new ChainMinter(minter).mint(KEYS, chain).accessKeyId());
    }
    List<Map<String, String>> calls = received();
    assertEquals(1, calls.size());
    assertEquals("AssumeRole", calls.get(0).get("Action"));
    assertEquals(LONG_LIVED_ID, calls.get(0).get("signer"));
    assertEquals("3600", calls.get(0).get("DurationSeconds"));
  }

  @Test
  void the_item_mfa_serial_makes_the_session_mfa_authenticated() {
    answer("Action=GetSessionToken", 200, "GetSessionToken.moto-rendered.xml");
    AwsKeys withMfa =
        new AwsKeys(
            LONG_LIVED_ID, LONG_LIVED_SECRET, Optional.empty(), Optional.of(MFA), Optional.empty());
    try (StsMinter minter = minter(codes)) {
      new ChainMinter(minter).mint(withMfa, ProfileChain.root("default"));
    }
    assertEquals(MFA, received().get(0).get("SerialNumber"));
    assertEquals("324550", received().get(0).get("TokenCode"));
  }

  @Test
  void a_role_step_without_a_prior_session_sends_its_own_mfa() {
    answer("Action=AssumeRole", 200, "AssumeRole.smithy-rs.xml");
    RoleStep step =
        new RoleStep(
            "r",
            "arn:aws:iam::1:role/r",
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(MFA));
    try (StsMinter minter = minter(codes)) {
      minter.assumeRole(Caller.of(KEYS), step, step.mfaSerial());
    }
    Map<String, String> call = received().get(0);
    assertEquals(MFA, call.get("SerialNumber"));
    assertEquals("324550", call.get("TokenCode"));
    assertEquals(LONG_LIVED_ID, call.get("signer"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Error-AccessDenied-MFA-invalid-code.constructed.xml|403|GetSessionToken|STS refused the MFA code for "
            + MFA
            + ": MultiFactorAuthentication failed with invalid MFA one time pass code.|clock",
        "Error-AccessDenied-MFA-serial.constructed.xml|403|GetSessionToken|STS refused the MFA code for "
            + MFA
            + ": MultiFactorAuthentication failed, unable to validate MFA code. Please verify|MFA serial",
        "Error-AccessDenied-MFA-validate.botocore.xml|403|GetSessionToken|STS refused the MFA code for "
            + MFA
            + ": GetSessionToken call failed, unable to validate MFA code.|TOTP secret",
        "Error-InvalidClientTokenId.constructed.xml|403|GetSessionToken|AWS does not accept the access key AKIA…0001:"
            + " The security token included in the request is invalid.|wrong or deactivated",
        "Error-AccessDenied-AssumeRole.constructed.xml|403|AssumeRole|not allowed to assume"
            + " arn:aws:iam::1:role/r: User: arn:aws:iam::123456789012:user/alice is not authorized|trust policy",
        "Error-ExpiredToken.constructed.xml|403|AssumeRole|the session signing AssumeRole of arn:aws:iam::1:role/r"
            + " has expired: The security token included in the request is expired|keyshell lock",
        "Error-InvalidIdentityToken.smithy-rs.xml|400|AssumeRole|STS AssumeRole of arn:aws:iam::1:role/r failed"
            + " (InvalidIdentityToken): No OpenIDConnect provider|profile",
      })
  void turns_sts_errors_into_one_line_with_a_hint(
      String file, int status, String operation, String message, String hint) {
    answer("Action=" + operation, status, file);
    KeyshellException e;
    try (StsMinter minter = minter(codes)) {
      e =
          assertThrows(
              KeyshellException.class,
              () -> {
                if (operation.equals("GetSessionToken")) {
                  minter.getSessionToken(KEYS, Optional.of(MFA), 3600);
                } else {
                  minter.assumeRole(
                      Caller.of(KEYS), roleOnly("r", "arn:aws:iam::1:role/r"), Optional.empty());
                }
              });
    }
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertTrue(e.hint().contains(hint), e.hint());
    assertSafe(e);
  }

  @Test
  void persistent_throttling_ends_in_a_clear_message() {
    sts.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                            + "<Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>")));
    KeyshellException e;
    try (StsMinter minter = minter(TotpCodes.none())) {
      e =
          assertThrows(
              KeyshellException.class, () -> minter.getSessionToken(KEYS, Optional.empty(), 3600));
    }
    assertEquals(
        "STS kept throttling GetSessionToken after 3 attempts: Rate exceeded", e.getMessage());
    assertEquals(StsMinter.MAX_ATTEMPTS, sts.getAllServeEvents().size());
    assertSafe(e);
  }

  @Test
  void an_unreachable_endpoint_is_named() {
    String endpoint = sts.baseUrl();
    StsMinter minter = minter(TotpCodes.none());
    sts.stop();
    KeyshellException e =
        assertThrows(
            KeyshellException.class, () -> minter.getSessionToken(KEYS, Optional.empty(), 3600));
    minter.close();
    assertEquals("cannot reach STS at " + endpoint + " (connection refused)", e.getMessage());
    assertTrue(e.hint().contains("AWS_ENDPOINT_URL_STS"));
  }

  @Test
  void the_profile_endpoint_url_reaches_the_sdk_endpoint_resolution() {
    answer("Action=GetSessionToken", 200, "GetSessionToken.moto-rendered.xml");
    ProfileFile config =
        ProfileFile.builder()
            .content(
                new java.io.ByteArrayInputStream(
                    ("[profile local]\nendpoint_url = " + sts.baseUrl() + "\n")
                        .getBytes(StandardCharsets.UTF_8)))
            .type(ProfileFile.Type.CONFIGURATION)
            .build();
    StsSettings settings = new StsSettings(config, "local", "eu-west-1", Optional.empty(), "alice");
    try (StsMinter minter = new StsMinter(settings, TotpCodes.none(), CLOCK)) {
      assertEquals(
          "AKIAIOSFODNN7EXAMPLE",
          minter.getSessionToken(KEYS, Optional.empty(), 900).accessKeyId());
    }
    assertEquals("900", received().get(0).get("DurationSeconds"));
  }

  @Test
  void default_role_session_names_are_valid_for_sts() {
    String name = RoleSessionNames.of("Jöhn Doe/" + "x".repeat(80), NOW);
    assertTrue(name.matches("[\\w+=,.@-]{2,64}"), name);
    assertTrue(name.startsWith("keyshell-J-hn-Doe-xx"), name);
    assertTrue(name.endsWith("-1700000000"), name);
    assertEquals("keyshell-1700000000", RoleSessionNames.of("", NOW));
  }

  @Test
  void never_shows_keys_in_to_string() {
    assertFalse(Caller.of(KEYS).toString().contains(LONG_LIVED_SECRET));
    assertFalse(Caller.of(KEYS).toString().contains(LONG_LIVED_ID));
  }

  private static void assertSafe(KeyshellException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains(LONG_LIVED_SECRET));
    assertFalse(e.getMessage().contains(LONG_LIVED_ID));
    assertFalse(e.getMessage().contains("324550"), "no MFA code in messages");
    assertFalse(e.hint() == null || e.hint().isBlank());
  }

  /** A step with only a role. */
  private static RoleStep roleOnly(String profile, String roleArn) {
    return new RoleStep(
        profile, roleArn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
