package dev.keyshell.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.testing.Conformance;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.profiles.ProfileFile;

class SsoProfilesTest {
  /** Spec error (substring) -> keyshell's message (substring) for the same refusal. */
  private static final Map<String, String> SAME_REFUSAL =
      Map.of(
          "if `sso_role_name` is set, then `sso_account_id` must also be set",
              "has sso_role_name but no sso_account_id",
          "if `sso_account_id` is set, then `sso_role_name` must also be set",
              "has sso_account_id but no sso_role_name",
          "`sso_region` can only be specified in the [sso-session] config",
              "sets sso_region, which belongs in [sso-session A]",
          "sso-session named `oops` (referenced by profile `A`) was not found",
              "names sso_session 'oops', but no [sso-session oops] is defined");

  /** The spec's cases whose chain is an SSO one, or whose error is about SSO settings. */
  static Stream<Arguments> ssoCases() {
    List<Arguments> cases = new ArrayList<>();
    Conformance.json("profile/assume-role-tests.json")
        .forEach(
            c -> {
              if (c.get("docs").asText().contains("SSO")) {
                cases.add(Arguments.of(c.get("docs").asText(), c));
              }
            });
    return cases.stream();
  }

  @Test
  void the_spec_has_six_sso_cases() {
    assertEquals(6, ssoCases().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ssoCases")
  void reads_sso_settings_as_the_cross_sdk_spec_does(String docs, JsonNode c) {
    JsonNode input = c.get("input");
    JsonNode output = c.get("output");
    String selected = input.get("selected_profile").asText();
    SsoProfiles profiles = new SsoProfiles(parse(configText(input)), "~/.aws/config");

    if (output.has("Error")) {
      String expected =
          SAME_REFUSAL.entrySet().stream()
              .filter(e -> output.get("Error").asText().contains(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(() -> new AssertionError("unmapped: " + output.get("Error")));
      KeyshellException e = assertThrows(KeyshellException.class, () -> profiles.read(selected));
      assertTrue(e.getMessage().contains(expected), e.getMessage());
      assertTrue(e.getMessage().contains("'" + selected + "'"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
      assertNotNull(e.hint());
      return;
    }
    JsonNode sso = output.get("ProfileChain").get(0).get("Sso");
    assertEquals(1, output.get("ProfileChain").size());
    SsoProfile p = profiles.read(selected).orElseThrow();
    assertEquals(expected(sso), actual(p));
  }

  @Test
  void an_sso_session_reads_its_scopes_and_defaults_to_account_access() {
    SsoProfiles profiles =
        new SsoProfiles(
            parse(
                """
                [profile a]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Admin
                [profile b]
                sso_session = bare
                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                sso_registration_scopes = sso:account:access , codewhisperer:completions
                [sso-session bare]
                sso_start_url = https://bare.awsapps.com/start
                sso_region = us-east-2
                """),
            "~/.aws/config");
    SsoProfile a = profiles.readWithRole("a");
    assertEquals(List.of("sso:account:access", "codewhisperer:completions"), a.session().scopes());
    assertEquals("sso-session 'corp'", a.session().label());
    assertEquals(List.of(SsoSession.DEFAULT_SCOPE), profiles.session("bare").scopes());
    KeyshellException noRole =
        assertThrows(KeyshellException.class, () -> profiles.readWithRole("b"));
    assertTrue(noRole.getMessage().contains("no account and role"), noRole.getMessage());
  }

  @Test
  void a_legacy_profile_needs_its_region_and_registers_no_scopes() {
    SsoProfiles profiles =
        new SsoProfiles(
            parse(
                """
                [profile old]
                sso_start_url = https://old.awsapps.com/start
                sso_region = us-west-2
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                [profile half]
                sso_start_url = https://old.awsapps.com/start
                sso_account_id = 111122223333
                sso_role_name = ReadOnly
                [profile keys]
                region = eu-west-1
                """),
            "~/.aws/config");
    assertEquals(List.of(), profiles.readWithRole("old").session().scopes());
    KeyshellException e = assertThrows(KeyshellException.class, () -> profiles.read("half"));
    assertEquals(
        "AWS profile 'half' has IAM Identity Center settings but no sso_region", e.getMessage());
    assertTrue(profiles.read("keys").isEmpty());
    assertTrue(profiles.read("undefined").isEmpty());
    assertThrows(KeyshellException.class, () -> profiles.session("nowhere"));
  }

  private static Map<String, String> expected(JsonNode sso) {
    Map<String, String> m = new TreeMap<>();
    sso.fields().forEachRemaining(kv -> m.put(kv.getKey(), kv.getValue().asText()));
    return m;
  }

  private static Map<String, String> actual(SsoProfile p) {
    Map<String, String> m = new TreeMap<>();
    p.session().name().ifPresent(n -> m.put("sso_session", n));
    m.put("sso_start_url", p.session().startUrl());
    m.put("sso_region", p.session().region());
    p.accountId().ifPresent(a -> m.put("sso_account_id", a));
    p.roleName().ifPresent(r -> m.put("sso_role_name", r));
    return m;
  }

  static ProfileFile parse(String config) {
    return ProfileFile.builder()
        .content(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)))
        .type(ProfileFile.Type.CONFIGURATION)
        .build();
  }

  private static String configText(JsonNode input) {
    StringBuilder config = new StringBuilder();
    section(config, "profile", input.get("profiles"));
    section(config, "sso-session", input.path("sso_sessions"));
    return config.toString();
  }

  private static void section(StringBuilder config, String kind, JsonNode sections) {
    sections
        .fields()
        .forEachRemaining(
            s -> {
              config.append('[').append(kind).append(' ').append(s.getKey()).append("]\n");
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
  }
}
