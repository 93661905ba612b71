package dev.keyshell.setup;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.testing.Conformance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parser against the cross-SDK profile suite (conformance/profile). Three kinds of case:
 * credentials-file cases compare exactly; cases with both files check that every credentials
 * property appears in the merged result (the credentials file wins on duplicates); config-file
 * cases whose headers are all {@code [profile X]} are run as credentials files with {@code [X]},
 * since both files share every other rule.
 */
class CredentialsParserConformanceTest {
  private static final Pattern PROFILE_HEADER = Pattern.compile("(?m)^\\[profile[ \t]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> parses_like_the_cross_sdk_profile_suite() throws IOException {
    JsonNode suite = Conformance.json("profile/profile-parser-tests.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : suite.get("tests")) {
      JsonNode in = c.get("input");
      JsonNode out = c.get("output");
      String name = c.get("name").asText();
      if (in.has("credentialsFile") && !in.has("configFile")) {
        tests.add(
            DynamicTest.dynamicTest(name, () -> expect(in.get("credentialsFile").asText(), out)));
      } else if (in.has("credentialsFile")) {
        tests.add(DynamicTest.dynamicTest(name + " (credentials part)", () -> within(in, out)));
      } else if (asCredentials(in.get("configFile").asText()) != null) {
        String text = asCredentials(in.get("configFile").asText());
        tests.add(
            DynamicTest.dynamicTest(name + " (as credentials file)", () -> expect(text, out)));
      }
    }
    // Guard against the suite moving or the filters silently skipping it.
    assertTrue(tests.size() >= 50, "only " + tests.size() + " conformance cases ran");
    return tests.stream();
  }

  private static void expect(String text, JsonNode out) throws IOException {
    if (out.has("errorContaining")) {
      KeyshellException e = assertThrows(KeyshellException.class, () -> parse(text));
      String wanted = out.get("errorContaining").asText();
      assertTrue(e.getMessage().contains(wanted), e.getMessage() + " should contain: " + wanted);
    } else {
      assertEquals(profiles(out), parse(text));
    }
  }

  private static void within(JsonNode in, JsonNode out) throws IOException {
    Map<String, Map<String, String>> merged = profiles(out);
    parse(in.get("credentialsFile").asText())
        .forEach(
            (profile, props) -> {
              assertTrue(merged.containsKey(profile), profile + " missing from " + merged);
              props.forEach(
                  (k, v) -> assertEquals(v, merged.get(profile).get(k), profile + "." + k));
            });
  }

  /**
   * The config file as a credentials file, or null when a header is not plain {@code [profile X]}.
   */
  private static String asCredentials(String config) {
    for (String line : config.split("\r?\n", -1)) {
      if (line.startsWith("[") && !line.matches("\\[profile[ \t]+.*")) {
        return null;
      }
    }
    return PROFILE_HEADER.matcher(config).replaceAll("[");
  }

  private static Map<String, Map<String, String>> parse(String text) {
    return new CredentialsFile(Path.of("credentials"), text.getBytes(UTF_8)).properties();
  }

  private static Map<String, Map<String, String>> profiles(JsonNode out) throws IOException {
    return JSON.convertValue(
        out.get("config").get("profiles"),
        new TypeReference<Map<String, Map<String, String>>>() {});
  }

  @TestFactory
  Stream<DynamicTest> finds_the_credentials_file_like_the_sdks_on_linux() throws IOException {
    JsonNode suite = Conformance.json("profile/file-location-tests.json");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : suite.get("tests")) {
      if (!c.get("platform").asText().equals("linux")) {
        continue;
      }
      Map<String, String> vars =
          new HashMap<>(
              JSON.convertValue(c.get("environment"), new TypeReference<Map<String, String>>() {}));
      Env env = new Env(vars, Path.of(vars.getOrDefault("HOME", "/nohome")), Path.of("/"));
      tests.add(
          DynamicTest.dynamicTest(
              c.get("name").asText(),
              () ->
                  assertEquals(
                      Path.of(c.get("credentialsLocation").asText()),
                      CredentialsFile.location(env))));
    }
    assertTrue(tests.size() >= 3, "only " + tests.size() + " location cases ran");
    return tests.stream();
  }
}
