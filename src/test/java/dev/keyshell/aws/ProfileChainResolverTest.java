package dev.keyshell.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.testing.Conformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileChainResolverTest {
  @TempDir Path dir;

  /**
   * Spec errors that are not errors in keyshell: the root's keys come from the scoped item, so a
   * root profile needs no keys in the files (nor even to exist).
   */
  private static final List<String> ROOT_NEEDS_NO_KEYS =
      List.of(
          "profile missing aws_secret_access_key",
          "profile missing aws_access_key_id",
          "did not contain credential information",
          "No profiles were defined");

  /** Spec error (substring) -> keyshell's message (substring) for the same refusal. */
  private static final Map<String, String> SAME_REFUSAL =
      Map.of(
          "profile must contain `source_profile`", "has role_arn but no source_profile",
          "both source_profile and credential_source", "both source_profile and credential_source",
          "could not find source profile B referenced from A",
              "'B' (source_profile of 'A') is not defined",
          "infinite loop", "form a loop through source_profile");

  /**
   * Spec errors of sources aws serves itself: keyshell leaves the chain to aws, which reports it
   * (spec error substring -> the setting keyshell names).
   */
  private static final Map<String, String> LEFT_TO_AWS_ERROR =
      Map.of("`role_arn` was missing", "web_identity_token_file");

  /** Spec errors of IAM Identity Center profiles: keyshell serves them, and says what is wrong. */
  private static final String SSO_ERROR = "sso";

  /** Spec providers keyshell leaves to aws for a chain's root -> the setting it names. */
  private static final Map<String, String> UNSUPPORTED_ROOT =
      Map.of(
          "NamedSource", "credential_source",
          "WebIdentityToken", "web_identity_token_file");

  static Stream<Arguments> assumeRoleCases() {
    List<Arguments> cases = new ArrayList<>();
    Conformance.json("profile/assume-role-tests.json")
        .forEach(c -> cases.add(Arguments.of(c.get("docs").asText(), c)));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("assumeRoleCases")
  void resolves_chains_as_the_cross_sdk_spec_does(String docs, JsonNode c) throws IOException {
    JsonNode input = c.get("input");
    JsonNode output = c.get("output");
    String selected = input.get("selected_profile").asText();
    ProfileChainResolver resolver = resolverFor(configText(input));

    if (output.has("Error")) {
      String specError = output.get("Error").asText();
      if (ROOT_NEEDS_NO_KEYS.stream().anyMatch(specError::contains)) {
        ProfileChain chain = resolver.resolve(selected);
        JsonNode profile = input.get("profiles").path(selected);
        String root = profile.path("source_profile").asText(selected);
        assertEquals(root, chain.rootProfile());
        assertEquals(profile.has("role_arn") ? 1 : 0, chain.roles().size());
        return;
      }
      Optional<String> left =
          LEFT_TO_AWS_ERROR.entrySet().stream()
              .filter(e -> specError.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst();
      if (left.isPresent()) {
        assertLeftToAws(resolver.resolve(selected), left.get());
        return;
      }
      if (specError.contains(SSO_ERROR)) {
        assertEquals(RootSource.Kind.SSO, resolver.resolve(selected).rootSource().kind());
        return;
      }
      String expected =
          SAME_REFUSAL.entrySet().stream()
              .filter(e -> specError.contains(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(() -> new AssertionError("unmapped spec error: " + specError));
      assertRefused(resolver, selected, expected, input);
      return;
    }

    JsonNode links = output.get("ProfileChain");
    String base = links.get(0).fieldNames().next();
    if (base.equals("Sso")) {
      assertEquals(RootSource.Kind.SSO, resolver.resolve(selected).rootSource().kind());
      return;
    }
    if (UNSUPPORTED_ROOT.containsKey(base)) {
      assertLeftToAws(resolver.resolve(selected), UNSUPPORTED_ROOT.get(base));
      return;
    }
    assertEquals("AccessKey", base);
    ProfileChain chain = resolver.resolve(selected);
    assertEquals(RootSource.Kind.OWN_KEYS, chain.rootSource().kind(), "keys in the files");
    String keyId = links.get(0).get("AccessKey").get("access_key_id").asText();
    assertEquals(
        keyId,
        input.get("profiles").get(chain.rootProfile()).path("aws_access_key_id").asText(),
        "the root is the profile the spec takes the keys from");
    assertEquals(links.size() - 1, chain.roles().size());
    for (int i = 1; i < links.size(); i++) {
      JsonNode role = links.get(i).get("AssumeRole");
      RoleStep step = chain.roles().get(i - 1);
      assertEquals(role.get("role_arn").asText(), step.roleArn());
      assertEquals(text(role, "external_id"), step.externalId());
      assertEquals(text(role, "role_session_name"), step.roleSessionName());
    }
  }

  private static void assertLeftToAws(ProfileChain chain, String setting) {
    assertEquals(RootSource.Kind.LEFT_TO_AWS, chain.rootSource().kind(), chain.toString());
    assertTrue(chain.rootSource().setting().startsWith(setting), chain.rootSource().setting());
  }

  private static void assertRefused(
      ProfileChainResolver resolver, String selected, String expected, JsonNode input) {
    KeyshellException e = assertThrows(KeyshellException.class, () -> resolver.resolve(selected));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertNotNull(e.hint());
    List<String> names = new ArrayList<>();
    input.get("profiles").fieldNames().forEachRemaining(names::add);
    assertTrue(
        names.stream()
            .anyMatch(
                n -> e.getMessage().contains("'" + n + "'") || e.getMessage().contains(n + " ->")),
        "names the profile: " + e.getMessage());
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.has(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  private static String configText(JsonNode input) {
    StringBuilder config = new StringBuilder();
    input
        .get("profiles")
        .fields()
        .forEachRemaining(
            p -> {
              config.append("[profile ").append(p.getKey()).append("]\n");
              p.getValue()
                  .fields()
                  .forEachRemaining(
                      kv ->
                          config
                              .append(kv.getKey())
                              .append(" = ")
                              .append(kv.getValue().asText())
                              .append('\n'));
            });
    input
        .path("sso_sessions")
        .fields()
        .forEachRemaining(
            s -> {
              config.append("[sso-session ").append(s.getKey()).append("]\n");
              s.getValue()
                  .fields()
                  .forEachRemaining(
                      kv ->
                          config
                              .append(kv.getKey())
                              .append(" = ")
                              .append(kv.getValue().asText())
                              .append('\n'));
            });
    return config.toString();
  }

  private ProfileChainResolver resolverFor(String config) throws IOException {
    Files.writeString(dir.resolve("config"), config);
    return ProfileChainResolver.load(
        new AwsConfigFiles(dir.resolve("config"), dir.resolve("credentials")));
  }

  @Test
  void judges_only_the_profiles_of_the_chain() throws IOException {
    ProfileChainResolver resolver =
        resolverFor(
            """
            [profile dev]
            role_arn = arn:aws:iam::111111111111:role/dev
            source_profile = base
            [profile base]
            [profile exported]
            credential_process = keyshell export --profile dev --format json
            [profile sso]
            sso_start_url = https://example.awsapps.com/start
            [profile broken]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = nowhere
            [profile loop]
            role_arn = arn:aws:iam::111111111111:role/x
            source_profile = loop2
            [profile loop2]
            role_arn = arn:aws:iam::111111111111:role/y
            source_profile = loop
            """);
    ProfileChain chain = resolver.resolve("dev");
    assertEquals("base", chain.rootProfile());
    assertEquals(List.of(roleOnly("dev", "arn:aws:iam::111111111111:role/dev")), chain.roles());
  }

  @Test
  void leaves_another_credential_process_to_aws_and_serves_keyshells_own() throws IOException {
    ProfileChainResolver resolver =
        resolverFor(
            """
            [profile p]
            credential_process = /usr/bin/get-creds
            [profile ks]
            credential_process = /opt/keyshell/bin/keyshell export --profile base --format json
            [profile self]
            credential_process = keyshell export
            [profile base]
            region = eu-west-1
            [profile role]
            role_arn = arn:aws:iam::111111111111:role/r
            source_profile = ks
            """);
    assertEquals(
        new RootSource(RootSource.Kind.LEFT_TO_AWS, "credential_process"),
        resolver.resolve("p").rootSource());
    ProfileChain ks = resolver.resolve("ks");
    assertEquals("base", ks.rootProfile());
    assertEquals(RootSource.KEYSHELL, ks.rootSource());
    assertEquals(Optional.of("eu-west-1"), ks.region());
    assertEquals(RootSource.KEYSHELL, resolver.resolve("self").rootSource());
    assertEquals("self", resolver.resolve("self").rootProfile());
    ProfileChain role = resolver.resolve("role");
    assertEquals("base", role.rootProfile());
    assertEquals(1, role.roles().size());
  }

  @Test
  void a_chain_deeper_than_the_limit_is_refused() throws IOException {
    StringBuilder config = new StringBuilder("[profile p0]\nregion = eu-west-1\n");
    for (int i = 1; i <= 40; i++) {
      config
          .append("[profile p")
          .append(i)
          .append("]\nrole_arn = arn:aws:iam::111111111111:role/r")
          .append(i)
          .append("\nsource_profile = p")
          .append(i - 1)
          .append('\n');
    }
    ProfileChainResolver resolver = resolverFor(config.toString());
    assertEquals(20, resolver.resolve("p20").roles().size());
    KeyshellException e = assertThrows(KeyshellException.class, () -> resolver.resolve("p40"));
    assertTrue(e.getMessage().contains("deeper than 32 profiles"), e.getMessage());
  }

  @Test
  void a_quoted_profile_name_is_the_profile_botocore_reads() throws IOException {
    ProfileChainResolver resolver =
        resolverFor("[profile \"quoted\"]\nregion = us-west-2\n[profile 'single']\nregion = x\n");
    assertTrue(resolver.defines("quoted"));
    assertTrue(resolver.defines("single"));
    assertEquals(Optional.of("us-west-2"), resolver.resolve("quoted").region());
  }

  @Test
  void a_malformed_section_is_set_aside_and_judged_only_when_the_chain_uses_it()
      throws IOException {
    ProfileChainResolver resolver =
        resolverFor(
            "[default]\nregion = eu-west-1\n[profile other]\nno equals sign here\n"
                + "[profile dev]\nrole_arn = arn:aws:iam::111111111111:role/r\n"
                + "source_profile = other\n");
    assertEquals(Optional.of("eu-west-1"), resolver.resolve("default").region());
    assertTrue(resolver.defines("other"));
    for (String p : List.of("other", "dev")) {
      KeyshellException e = assertThrows(KeyshellException.class, () -> resolver.resolve(p));
      assertTrue(e.getMessage().contains("'other' is malformed"), e.getMessage());
      assertTrue(e.getMessage().contains("on line 4"), e.getMessage());
    }
  }

  @Test
  void a_profile_the_files_do_not_define_is_a_bare_root() {
    ProfileChainResolver resolver =
        ProfileChainResolver.load(
            new AwsConfigFiles(dir.resolve("no-config"), dir.resolve("no-credentials")));
    assertEquals(ProfileChain.root("default"), resolver.resolve("default"));
  }

  @Test
  void reads_every_setting_of_a_two_role_chain_across_both_files() throws IOException {
    Files.writeString(
        dir.resolve("credentials"), "[base]\naws_access_key_id = AKIAOLDPLAINTEXT01\n");
    ProfileChainResolver resolver =
        resolverFor(
            """
            [profile admin]
            Role_Arn = arn:aws:iam::222222222222:role/admin
            source_profile = jump
            external_id = ext-42
            role_session_name = alice-admin
            duration_seconds = 7200
            region = eu-west-1
            [profile jump]
            role_arn = arn:aws:iam::111111111111:role/jump
            source_profile = base
            mfa_serial = arn:aws:iam::111111111111:mfa/alice-jump
            [profile base]
            mfa_serial = arn:aws:iam::111111111111:mfa/alice
            region = us-west-2
            """);
    ProfileChain chain = resolver.resolve("admin");
    assertEquals("admin", chain.selectedProfile());
    assertEquals("base", chain.rootProfile());
    assertEquals(Optional.of("arn:aws:iam::111111111111:mfa/alice"), chain.rootMfaSerial());
    assertEquals(Optional.of("eu-west-1"), chain.region(), "the selected profile's region");
    assertEquals(
        List.of(
            new RoleStep(
                "jump",
                "arn:aws:iam::111111111111:role/jump",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("arn:aws:iam::111111111111:mfa/alice-jump")),
            new RoleStep(
                "admin",
                "arn:aws:iam::222222222222:role/admin",
                Optional.of("ext-42"),
                Optional.of("alice-admin"),
                Optional.of(7200),
                Optional.empty())),
        chain.roles());
    assertEquals(Optional.of("arn:aws:iam::111111111111:mfa/alice"), chain.mfaSerial());
  }

  @Test
  void takes_the_mfa_serial_of_the_first_role_when_the_root_has_none() throws IOException {
    ProfileChain chain =
        resolverFor(
                "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = b\n"
                    + "mfa_serial = arn:aws:iam::1:mfa/me\n[profile b]\n")
            .resolve("r");
    assertEquals(Optional.empty(), chain.rootMfaSerial());
    assertEquals(Optional.of("arn:aws:iam::1:mfa/me"), chain.mfaSerial());
  }

  @Test
  void refuses_a_duration_sts_would_refuse() throws IOException {
    ProfileChainResolver resolver =
        resolverFor(
            "[profile r]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = b\n"
                + "duration_seconds = 1h\n[profile b]\n");
    KeyshellException e = assertThrows(KeyshellException.class, () -> resolver.resolve("r"));
    assertTrue(
        e.getMessage().startsWith("AWS profile 'r' has duration_seconds = 1h"), e.getMessage());
  }

  @Test
  void a_malformed_line_names_file_and_line_once_the_chain_uses_it() throws IOException {
    Files.writeString(
        dir.resolve("credentials"),
        "[default]\naws_secret_access_key : wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n");
    ProfileChainResolver resolver =
        ProfileChainResolver.load(
            new AwsConfigFiles(dir.resolve("config"), dir.resolve("credentials")));
    KeyshellException e = assertThrows(KeyshellException.class, () -> resolver.resolve("default"));
    assertEquals(
        "AWS profile 'default' is malformed (cannot parse "
            + dir.resolve("credentials")
            + ": Expected an '=' sign defining a property on line 2)",
        e.getMessage());
    assertFalse(e.getMessage().contains("wJalr"), "never the line's text");
    assertNotNull(e.hint());
  }

  @Test
  void the_credentials_file_wins_a_property_both_files_set() throws IOException {
    Files.writeString(dir.resolve("credentials"), "[dev]\nregion = eu-central-1\n");
    ProfileChain chain = resolverFor("[profile dev]\nregion = us-west-2\n").resolve("dev");
    assertEquals(Optional.of("eu-central-1"), chain.region());
  }

  /** A step with only a role. */
  private static RoleStep roleOnly(String profile, String roleArn) {
    return new RoleStep(
        profile, roleArn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
