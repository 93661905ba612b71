package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.testing.Conformance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How STS is reached (the SDK's endpoint settings, read from the real process environment) and how
 * its failures reach the person at the terminal through {@code aws}.
 */
class StsReachIT {
  static final String THROTTLING =
      "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
          + "</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
          + "<RequestId>0</RequestId></ErrorResponse>";

  @TempDir Path tmp;
  StsStandIn sts;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid MFA code | default   | GetSessionToken | 403 | Error-AccessDenied-MFA-invalid-code"
            + ".constructed.xml | STS refused the MFA code for arn:aws:iam::111122223333:mfa/demo:"
            + " MultiFactorAuthentication failed with invalid MFA one time pass code. | clock",
        "role not allowed | dev-admin | AssumeRole      | 403 | Error-AccessDenied-AssumeRole"
            + ".constructed.xml | not allowed to assume arn:aws:iam::444455556666:role/admin: User:"
            + " arn:aws:iam::123456789012:user/alice is not authorized | trust policy",
        "expired token    | dev-admin | AssumeRole      | 403 | Error-ExpiredToken.constructed.xml"
            + " | has expired: The security token included in the request is expired | keyshell lock",
        "throttled        | default   | GetSessionToken | 400 | THROTTLING"
            + " | STS kept throttling GetSessionToken after 3 attempts: Rate exceeded | wait a minute",
      })
  void sts_errors_reach_the_user_as_one_line_and_a_hint(
      String what,
      String profile,
      String action,
      int status,
      String body,
      String says,
      String hint) {
    sts.server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(1)
            .withRequestBody(containing("Action=" + action))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        body.equals("THROTTLING") ? THROTTLING : Conformance.text("sts/" + body))));

    Sandbox.Result r = run("aws", "sts", "get-caller-identity", "--profile", profile);

    assertEquals(1, r.exit(), r.toString());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("keyshell: ") && lines.get(0).contains(says), r.err());
    assertTrue(lines.get(1).startsWith("hint: ") && lines.get(1).contains(hint), r.err());
    assertEquals(0, sts.calls("GetCallerIdentity").size(), "aws never ran");
  }

  @Test
  void an_unreachable_sts_is_named_with_the_reason() {
    box.env.put("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9");
    Sandbox.Result r = run("aws", "sts", "get-caller-identity");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(
        List.of(
            "keyshell: cannot reach STS at http://127.0.0.1:9 (connection refused)",
            "hint: check the network, or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL / endpoint_url if"
                + " set"),
        r.err().lines().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL", "endpoint_url"})
  void sts_is_reached_where_the_sdk_settings_say(String setting) {
    box.env.remove("AWS_ENDPOINT_URL_STS");
    if (setting.equals("endpoint_url")) {
      box.config(
          Users.CONFIG.replace("[default]\n", "[default]\nendpoint_url = " + sts.url() + "\n"));
    } else {
      box.env.put(setting, sts.url());
    }
    Sandbox.Result r = box.keyshell(null, "export", "--format", "json").ok();
    assertTrue(r.out().contains(ExportExecIT.SESSION_ID), r.toString());
    assertEquals(1, sts.calls("GetSessionToken").size());
  }

  /** {@code keyshell plugin run -- <command>}, as the shell function calls it. */
  private Sandbox.Result run(String... command) {
    String[] args = new String[command.length + 3];
    args[0] = "plugin";
    args[1] = "run";
    args[2] = "--";
    System.arraycopy(command, 0, args, 3, command.length);
    return box.keyshell(null, args);
  }
}
