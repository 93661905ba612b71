package dev.keyshell.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyshell.core.KeyshellException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Every IAM Identity Center failure is one line naming what to check, and a hint. */
class SsoErrorsTest {
  static final SsoSession CORP =
      new SsoSession(Optional.of("corp"), "https://corp.awsapps.com/start", "eu-west-7", List.of());
  static final String OIDC = "https://oidc.eu-west-7.amazonaws.com";
  static final String PORTAL = "https://portal.sso.eu-west-7.amazonaws.com";

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "denied",
            () -> SsoErrors.oidc(service(400, "AccessDeniedException"), "CreateToken", CORP, OIDC),
            "was denied in the browser",
            "choose Allow"),
        row(
            "code expired",
            () -> SsoErrors.oidc(service(400, "ExpiredTokenException"), "CreateToken", CORP, OIDC),
            "expired before it was approved",
            "approve the code"),
        row(
            "wrong start URL",
            () ->
                SsoErrors.oidc(
                    service(400, "InvalidRequestException"),
                    "StartDeviceAuthorization",
                    CORP,
                    OIDC),
            "refused StartDeviceAuthorization for https://corp.awsapps.com/start in eu-west-7",
            "sso_start_url"),
        row(
            "wrong region",
            () ->
                SsoErrors.oidc(
                    network(new UnknownHostException("oidc.eu-west-7.amazonaws.com")),
                    "RegisterClient",
                    CORP,
                    OIDC),
            "cannot reach IAM Identity Center's sign-in service at " + OIDC + " (unknown host)",
            "check sso_region (eu-west-7) in [sso-session corp]"),
        row(
            "sign-in service down",
            () ->
                SsoErrors.oidc(service(500, "InternalServerException"), "CreateToken", CORP, OIDC),
            "sign-in service for sso-session 'corp' is unavailable",
            "try again in a few minutes"),
        row(
            "no network",
            () ->
                SsoErrors.oidc(
                    network(new ConnectException("Connection refused")),
                    "RegisterClient",
                    CORP,
                    OIDC),
            "(connection refused)",
            "AWS_ENDPOINT_URL_SSO_OIDC"),
        row(
            "no access to the role",
            () ->
                SsoErrors.portal(
                    service(403, "ForbiddenException"), CORP, "111122223333", "Admin", PORTAL),
            "no access to role Admin in account 111122223333 through sso-session 'corp'",
            "permission set"),
        row(
            "no such role",
            () ->
                SsoErrors.portal(
                    service(404, "ResourceNotFoundException"),
                    CORP,
                    "111122223333",
                    "Admin",
                    PORTAL),
            "no access to role Admin",
            "sso_role_name"),
        row(
            "token revoked",
            () ->
                SsoErrors.portal(
                    service(401, "UnauthorizedException"), CORP, "111122223333", "Admin", PORTAL),
            "no longer accepts the sign-in for sso-session 'corp'",
            "keyshell sso login"),
        row(
            "portal down",
            () ->
                SsoErrors.portal(
                    service(503, "ServiceUnavailableException"),
                    CORP,
                    "111122223333",
                    "Admin",
                    PORTAL),
            "the AWS access portal for sso-session 'corp' is unavailable",
            "try again"),
        row(
            "portal unreachable",
            () ->
                SsoErrors.portal(
                    network(new ConnectException("Connection refused")),
                    CORP,
                    "111122223333",
                    "Admin",
                    PORTAL),
            "cannot reach the AWS access portal at " + PORTAL + " (connection refused)",
            "AWS_ENDPOINT_URL_SSO"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void each_failure_is_one_line_and_a_hint(
      String name, Supplier<KeyshellException> error, String message, String hint) {
    KeyshellException e = error.get();
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertNotNull(e.hint());
    assertTrue(e.hint().contains(hint), e.hint());
    assertFalse(e.getMessage().contains("secretTokenValue"), e.getMessage());
  }

  private static Arguments row(
      String name, Supplier<KeyshellException> error, String message, String hint) {
    return Arguments.of(name, error, message, hint);
  }

  private static SdkException service(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(code.startsWith("Forbidden") ? "No access" : null)
                .build())
        .message("request with secretTokenValue failed")
        .build();
  }

  private static SdkException network(Exception cause) {
    return SdkClientException.builder()
        .message("Unable to execute HTTP request")
        .cause(cause)
        .build();
  }
}
