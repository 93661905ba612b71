package dev.keyshell.sso;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stateful stand-in for IAM Identity Center's OIDC service and access portal on 127.0.0.1. A
 * device authorization stays pending until something fetches its verification URL (a test's {@code
 * $BROWSER}, {@link #browserScript}), which approves it, or denies it after {@link
 * #denyApprovals()}.
 */
public final class IdentityCenterStandIn implements AutoCloseable {
  public static final String START_URL = "https://standin.awsapps.com/start";
  public static final String ACCOUNT = "111122223333";
  public static final String ROLE = "Developer";
  public static final String ACCESS_TOKEN = "standinAccessTokenFromDeviceGrant0001";
  public static final String REFRESHED_TOKEN = "standinAccessTokenFromRefreshGrant0002";
  public static final String REFRESH_TOKEN = "standinRefreshToken0003";
  public static final String CLIENT_SECRET = "standinClientSecret0004";
  public static final String DEVICE_CODE = "standinDeviceCode0005";
  public static final String USER_CODE = "WXYZ-STND";
  public static final String ROLE_KEY_ID = "ASIASSOROLEEXAMPLE01";
  public static final String ROLE_SECRET = "standinSsoRoleSecret0006";
  public static final String ROLE_SESSION_TOKEN =
      "StandinSession/arn:aws:sts::111122223333:assumed-role/Developer/sso-user";

  private static final String APPROVAL = "approval";
  private static final String APPROVED = "approved";
  private static final String DENIED = "denied";
  private static final String JSON = "application/json";

  public final WireMockServer server;

  private int deviceTokenSeconds = 28800;

  public IdentityCenterStandIn() {
    server =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").globalTemplating(true));
    server.start();
    stubs(600, 1);
  }

  /**
   * Tokens from the device grant last {@code seconds} (refreshed ones still 8 hours): under five
   * minutes makes the next caller refresh.
   */
  public void deviceTokensLast(int seconds) {
    deviceTokenSeconds = seconds;
    server.resetMappings();
    stubs(600, 1);
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Device codes that expire after {@code seconds}, polled every {@code interval} seconds. */
  public void deviceCodes(int seconds, int interval) {
    server.resetMappings();
    stubs(seconds, interval);
  }

  /** The next approval denies instead. */
  public void denyApprovals() {
    server.stubFor(
        get(urlPathEqualTo("/verify"))
            .atPriority(1)
            .inScenario(APPROVAL)
            .willSetStateTo(DENIED)
            .willReturn(aResponse().withBody("denied")));
  }

  /** The first device-grant CreateToken is answered slow_down, as an impatient poller's would. */
  public void slowDownOnce() {
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .atPriority(1)
            .inScenario("slow")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("slowed")
            .withRequestBody(matchingJsonPath("$.grantType", containing("device_code")))
            .willReturn(error(400, "SlowDownException", "slow_down")));
  }

  /** CreateToken with the refresh token is refused from now on. */
  public void refuseRefresh() {
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.grantType", containing("refresh_token")))
            .willReturn(error(400, "InvalidGrantException", "invalid_grant")));
  }

  /** The portal answers 503 to everything. */
  public void portalDown() {
    server.stubFor(
        get(urlPathEqualTo("/federation/credentials"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("x-amzn-ErrorType", "ServiceUnavailableException")
                    .withBody("{\"message\":\"Service unavailable\"}")));
  }

  /** A new approval is needed: the scenario starts again. */
  public void forgetApproval() {
    server.resetScenarios();
  }

  private void stubs(int expiresIn, int interval) {
    server.stubFor(
        post(urlPathEqualTo("/client/register"))
            .willReturn(
                json(
                    "{\"clientId\":\"standin-client\",\"clientSecret\":\""
                        + CLIENT_SECRET
                        + "\",\"clientIdIssuedAt\":{{now format='unix'}},"
                        + "\"clientSecretExpiresAt\":{{now offset='90 days' format='unix'}} }")));
    server.stubFor(
        post(urlPathEqualTo("/device_authorization"))
            .withRequestBody(matchingJsonPath("$.startUrl", containing(START_URL)))
            .willReturn(
                json(
                    "{\"deviceCode\":\""
                        + DEVICE_CODE
                        + "\",\"userCode\":\""
                        + USER_CODE
                        + "\",\"verificationUri\":\""
                        + url()
                        + "/verify\",\"verificationUriComplete\":\""
                        + url()
                        + "/verify?user_code="
                        + USER_CODE
                        + "\",\"expiresIn\":"
                        + expiresIn
                        + ",\"interval\":"
                        + interval
                        + "}")));
    server.stubFor(
        post(urlPathEqualTo("/device_authorization"))
            .atPriority(10)
            .willReturn(error(400, "InvalidRequestException", "invalid_request")));
    server.stubFor(
        get(urlPathEqualTo("/verify"))
            .atPriority(5)
            .inScenario(APPROVAL)
            .willSetStateTo(APPROVED)
            .willReturn(aResponse().withBody("approved")));
    String device = "urn:ietf:params:oauth:grant-type:device_code";
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario(APPROVAL)
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(matchingJsonPath("$.grantType", containing(device)))
            .willReturn(error(400, "AuthorizationPendingException", "authorization_pending")));
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario(APPROVAL)
            .whenScenarioStateIs(APPROVED)
            .withRequestBody(matchingJsonPath("$.grantType", containing(device)))
            .willReturn(
                json(
                    "{\"accessToken\":\""
                        + ACCESS_TOKEN
                        + "\",\"tokenType\":\"Bearer\",\"expiresIn\":"
                        + deviceTokenSeconds
                        + ",\"refreshToken\":\""
                        + REFRESH_TOKEN
                        + "\"}")));
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .inScenario(APPROVAL)
            .whenScenarioStateIs(DENIED)
            .withRequestBody(matchingJsonPath("$.grantType", containing(device)))
            .willReturn(error(400, "AccessDeniedException", "access_denied")));
    server.stubFor(
        post(urlPathEqualTo("/token"))
            .atPriority(5)
            .withRequestBody(matchingJsonPath("$.refreshToken", containing(REFRESH_TOKEN)))
            .willReturn(
                json(
                    "{\"accessToken\":\""
                        + REFRESHED_TOKEN
                        + "\",\"tokenType\":\"Bearer\",\"expiresIn\":28800}")));
    server.stubFor(
        get(urlPathEqualTo("/federation/credentials"))
            .atPriority(5)
            .withQueryParam(
                "account_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(ACCOUNT))
            .withQueryParam(
                "role_name", com.github.tomakehurst.wiremock.client.WireMock.equalTo(ROLE))
            .withHeader("x-amz-sso_bearer_token", containing("standinAccessToken"))
            .willReturn(
                json(
                    "{\"roleCredentials\":{\"accessKeyId\":\""
                        + ROLE_KEY_ID
                        + "\",\"secretAccessKey\":\""
                        + ROLE_SECRET
                        + "\",\"sessionToken\":\""
                        + ROLE_SESSION_TOKEN
                        + "\",\"expiration\":{{now offset='1 hours' format='epoch'}} }}")));
    server.stubFor(
        get(urlPathEqualTo("/federation/credentials"))
            .atPriority(6)
            .withHeader("x-amz-sso_bearer_token", containing("standinAccessToken"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withHeader("x-amzn-ErrorType", "ForbiddenException")
                    .withBody("{\"message\":\"No access\"}")));
    server.stubFor(
        get(urlPathEqualTo("/federation/credentials"))
            .atPriority(7)
            .withHeader("x-amz-sso_bearer_token", notContaining("standin"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("x-amzn-ErrorType", "UnauthorizedException")
                    .withBody("{\"message\":\"Session token not found or invalid\"}")));
    server.stubFor(post(urlPathEqualTo("/logout")).willReturn(aResponse().withStatus(200)));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String type, String oauthError) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", JSON)
        .withHeader("x-amzn-ErrorType", type)
        .withBody(
            "{\"error\":\"" + oauthError + "\",\"error_description\":\"" + oauthError + "\"}");
  }

  /** Requests to {@code path}, and of those the ones answered {@code status} (0: all). */
  public int count(String method, String path, int status) {
    return (int)
        events().stream()
            .filter(e -> e.getRequest().getMethod().getName().equals(method))
            .filter(e -> e.getRequest().getUrl().startsWith(path))
            .filter(e -> status == 0 || e.getResponse().getStatus() == status)
            .count();
  }

  /** CreateToken calls with this grant that got a token. */
  public int tokensIssued(String grantFragment) {
    return (int)
        events().stream()
            .filter(e -> e.getRequest().getUrl().startsWith("/token"))
            .filter(e -> e.getRequest().getBodyAsString().contains(grantFragment))
            .filter(e -> e.getResponse().getStatus() == 200)
            .count();
  }

  private List<ServeEvent> events() {
    return server.getAllServeEvents();
  }

  /** A {@code $BROWSER} script that "approves" by fetching the URL it is given. */
  public static Path browserScript(Path dir) throws IOException {
    Path script = dir.resolve("approve-browser");
    Files.writeString(script, "#!/bin/sh\nexec /usr/bin/curl -fsS -o /dev/null \"$1\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Override
  public void close() {
    server.stop();
  }
}
