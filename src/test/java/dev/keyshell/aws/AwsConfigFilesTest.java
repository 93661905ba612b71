package dev.keyshell.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyshell.core.Env;
import dev.keyshell.testing.Conformance;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;

class AwsConfigFilesTest {

  static Stream<Arguments> fileLocationCases() {
    List<Arguments> cases = new ArrayList<>();
    Conformance.json("profile/file-location-tests.json")
        .get("tests")
        .forEach(
            t -> {
              if (!t.get("platform").asText().equals("windows")) {
                cases.add(Arguments.of(t.get("name").asText(), t));
              }
            });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fileLocationCases")
  void finds_the_files_where_every_aws_sdk_does(String name, JsonNode t) {
    Map<String, String> vars = new HashMap<>();
    t.get("environment")
        .fields()
        .forEachRemaining(e -> vars.put(e.getKey(), e.getValue().asText()));
    Env env = new Env(vars, Path.of(vars.get("HOME")), Path.of("/"));
    AwsConfigFiles files = AwsConfigFiles.of(env);
    assertEquals(Path.of(t.get("configLocation").asText()), files.config());
    assertEquals(Path.of(t.get("credentialsLocation").asText()), files.credentials());
  }

  @Test
  void expands_a_tilde_in_the_variables() {
    Env env =
        new Env(
            Map.of("AWS_CONFIG_FILE", "~/cfg/aws", "AWS_SHARED_CREDENTIALS_FILE", "~/creds"),
            Path.of("/home/u"),
            Path.of("/"));
    assertEquals(
        new AwsConfigFiles(Path.of("/home/u/cfg/aws"), Path.of("/home/u/creds")),
        AwsConfigFiles.of(env));
  }

  static Stream<Arguments> parserCases() {
    List<Arguments> cases = new ArrayList<>();
    Conformance.json("profile/profile-parser-tests.json")
        .get("tests")
        .forEach(t -> cases.add(Arguments.of(t.get("name").asText(), t)));
    return cases.stream();
  }

  /**
   * The SDK parser keyshell relies on agrees with the cross-SDK parser suite. Property names are
   * compared lower-cased: the Java SDK keeps their case and keyshell reads them case-insensitively.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("parserCases")
  void the_sdk_parser_reads_files_as_the_spec_says(String name, JsonNode t) {
    JsonNode input = t.get("input");
    JsonNode output = t.get("output");
    if (output.has("errorContaining")) {
      // The Java SDK refuses the same files in its own words ("Expected a profile or property
      // definition on line 4"); what matters here is the refusal and the line it names.
      RuntimeException e = assertThrows(RuntimeException.class, () -> parse(input));
      assertTrue(e.getMessage().matches(".* on line \\d+"), e.getMessage());
      return;
    }
    ProfileFile file = parse(input);
    Map<String, Map<String, String>> actual = new TreeMap<>();
    file.profiles().forEach((n, p) -> actual.put(n, withoutFlattenedSubProperties(lowerCased(p))));
    Map<String, Map<String, String>> expected = new TreeMap<>();
    output
        .get("config")
        .get("profiles")
        .fields()
        .forEachRemaining(p -> expected.put(p.getKey(), properties(p.getValue())));
    assertEquals(expected, actual);
    output
        .get("config")
        .path("sso_sessions")
        .fields()
        .forEachRemaining(
            s ->
                assertEquals(
                    properties(s.getValue()),
                    file.getSection("sso-session", s.getKey()).map(this::lowerCased).orElse(null)));
  }

  private static ProfileFile parse(JsonNode input) {
    ProfileFile.Aggregator all = ProfileFile.aggregator();
    // In keyshell's order (ProfileChainResolver.load): credentials first, so they win.
    if (input.has("credentialsFile")) {
      all.addFile(file(input.get("credentialsFile").asText(), ProfileFile.Type.CREDENTIALS));
    }
    if (input.has("configFile")) {
      all.addFile(file(input.get("configFile").asText(), ProfileFile.Type.CONFIGURATION));
    }
    return all.build();
  }

  private static ProfileFile file(String content, ProfileFile.Type type) {
    return ProfileFile.builder()
        .content(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
        .type(type)
        .build();
  }

  private static Map<String, String> properties(JsonNode node) {
    Map<String, String> props = new TreeMap<>();
    node.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
    return props;
  }

  private Map<String, String> lowerCased(Profile p) {
    return new TreeMap<>(ProfileChainResolver.lowerCased(p));
  }

  /** The Java SDK also offers {@code s3 = \n name = v} as {@code s3.name}; the spec does not. */
  private static Map<String, String> withoutFlattenedSubProperties(Map<String, String> props) {
    Map<String, String> kept = new TreeMap<>(props);
    props.forEach(
        (k, v) -> {
          if (v.startsWith("\n")) {
            kept.keySet().removeIf(sub -> sub.startsWith(k + "."));
          }
        });
    return kept;
  }
}
