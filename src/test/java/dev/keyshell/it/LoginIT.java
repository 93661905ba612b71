package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.keyshell.it.AwsFunctionIT.KEY_ID;
import static dev.keyshell.it.AwsFunctionIT.ROLE_ARN;
import static dev.keyshell.it.AwsFunctionIT.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keyshell login} against a stand-in of the AWS federation endpoint. */
class LoginIT {
  static final String SIGNIN_TOKEN = "StandinSigninToken/with+odd=chars";

  @TempDir Path tmp;
  StsStandIn sts;
  WireMockServer federation;
  Sandbox box;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    federation = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    federation.start();
    federation.stubFor(
        get(urlPathEqualTo("/federation"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"SigninToken\":\"" + SIGNIN_TOKEN + "\"}")));
    box = Users.initialised(tmp, sts, Users.CONFIG);
    box.env.put("KEYSHELL_SIGNIN_ENDPOINT", endpoint());
    box.env.put("USER", "alice");
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    federation.stop();
    sts.close();
  }

  String endpoint() {
    return "http://127.0.0.1:" + federation.port() + "/federation";
  }

  @Test
  void a_role_profile_signs_in_with_its_role_session_where_region_and_path_say() throws Exception {
    Sandbox.Result r =
        box.keyshell(
                null,
                "login",
                "--profile",
                "dev-admin",
                "--stdout",
                "--region",
                "ap-southeast-2",
                "--path",
                "ec2/home")
            .ok();
    JsonNode session = sessionSent();
    assertEquals("ASIAROLEEXAMPLE00001", session.get("sessionId").asText());
    assertEquals("standinRoleSecretKey000000000000000000000", session.get("sessionKey").asText());
    assertEquals("StandinSession/" + ROLE_ARN, session.get("sessionToken").asText());
    assertEquals(3, session.size());

    Map<String, String> login = query(r.out().strip(), endpoint());
    assertEquals("login", login.get("Action"));
    assertEquals(SIGNIN_TOKEN, login.get("SigninToken"));
    assertEquals(
        "https://console.aws.amazon.com/ec2/home?region=ap-southeast-2", login.get("Destination"));
    assertEquals(0, sts.calls("GetFederationToken").size());
    assertEquals("", r.err());
  }

  @Test
  void a_plain_iam_user_signs_in_with_a_federation_token_from_the_long_lived_key()
      throws Exception {
    Sandbox.Result r = box.keyshell(null, "login", "--stdout").ok();
    List<StsStandIn.Call> fed = sts.calls("GetFederationToken");
    assertEquals(1, fed.size());
    assertEquals(KEY_ID, fed.get(0).signingKeyId(), "signed by the item's long-lived key");
    assertEquals("alice", fed.get(0).params().get("Name"));
    assertTrue(fed.get(0).params().get("Policy").contains("\"Action\":\"*\""));
    JsonNode session = sessionSent();
    assertEquals("ASIAFEDERATEDEXAMPLE", session.get("sessionId").asText());
    assertEquals(
        "StandinSession/arn:aws:sts::111122223333:federated-user/alice",
        session.get("sessionToken").asText());
    Map<String, String> login = query(r.out().strip(), endpoint());
    // The profile's region (eu-west-1), the console's home.
    assertEquals(
        "https://console.aws.amazon.com/console/home?region=eu-west-1", login.get("Destination"));
    assertFalse(r.out().contains(SECRET) || r.err().contains(SIGNIN_TOKEN), r.toString());
  }

  @Test
  void the_browser_is_given_a_one_time_local_address_never_the_sign_in_url() throws Exception {
    // A "browser" that records its argv and follows the address once, as a browser would.
    Path browser =
        box.write(
            "browser.sh",
            "#!/bin/sh\necho \"$@\" > \"$HOME/argv\"\n"
                + "curl -s -o /dev/null -D \"$HOME/headers\" \"$1\"\n"
                + "curl -s -o /dev/null -w '%{http_code}' \"$1\" > \"$HOME/second\"\n");
    Files.setPosixFilePermissions(
        browser, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    box.env.put("BROWSER", browser.toString());
    Sandbox.Result r = box.keyshell(null, "login", "--region", "cn-north-1").ok();
    assertEquals("", r.out(), "nothing printed when the browser took it");
    assertTrue(r.err().startsWith("keyshell: opened the AWS console in your browser"), r.err());
    String argv = Files.readString(box.home.resolve("argv")).strip();
    assertTrue(argv.matches("http://127\\.0\\.0\\.1:\\d+/[\\w-]{32}"), argv);
    String headers = Files.readString(box.home.resolve("headers"));
    assertTrue(headers.startsWith("HTTP/1.1 302"), headers);
    String location =
        headers
            .lines()
            .filter(l -> l.startsWith("Location: "))
            .findFirst()
            .orElseThrow()
            .substring(10);
    Map<String, String> login = query(location, endpoint());
    assertEquals(SIGNIN_TOKEN, login.get("SigninToken"));
    assertEquals(
        "https://console.amazonaws.cn/console/home?region=cn-north-1", login.get("Destination"));
    // The address served once; by the second request keyshell had stopped listening.
    assertEquals("000", Files.readString(box.home.resolve("second")).strip());
  }

  @Test
  void without_a_browser_the_url_is_printed_and_a_refusal_is_one_line_without_secrets() {
    box.env.put("BROWSER", "/nonexistent/browser");
    Sandbox.Result r = box.keyshell(null, "login").ok();
    assertTrue(r.out().startsWith(endpoint() + "?Action=login"), r.toString());
    assertTrue(r.err().contains("open this URL within 15 minutes"), r.err());

    federation.stubFor(
        get(urlPathEqualTo("/federation")).willReturn(aResponse().withStatus(400).withBody("no")));
    Sandbox.Result refused = box.keyshell(null, "login", "--stdout");
    assertEquals(1, refused.exit(), refused.toString());
    assertEquals("", refused.out());
    assertTrue(
        refused
            .err()
            .startsWith(
                "keyshell: the AWS sign-in endpoint 127.0.0.1 refused the session (HTTP 400)"),
        refused.err());
    assertFalse(
        refused.err().contains("standin") || refused.err().contains("Session="), refused.err());
  }

  private JsonNode sessionSent() throws Exception {
    List<LoggedRequest> requests =
        federation.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    assertEquals(1, requests.size(), "one getSigninToken");
    LoggedRequest req = requests.get(0);
    assertEquals("getSigninToken", req.queryParameter("Action").firstValue());
    return new ObjectMapper().readTree(req.queryParameter("Session").firstValue());
  }

  /** The query of {@code url}, after checking it starts with {@code prefix}. */
  private static Map<String, String> query(String url, String prefix) {
    assertTrue(url.startsWith(prefix + "?"), url);
    Map<String, String> q = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
