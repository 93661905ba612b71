package dev.keyshell.sso;

import dev.keyshell.core.KeyshellException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an IAM Identity Center failure into one line and a hint: a denied or expired sign-in, a
 * wrong start URL or region, no access to the account or role, the service down. Tokens and codes
 * never appear; AWS's messages name accounts and roles only.
 */
final class SsoErrors {
  private SsoErrors() {}

  static KeyshellException denied(SsoSession session) {
    return new KeyshellException(
        "the IAM Identity Center sign-in for " + session.label() + " was denied in the browser",
        "run keyshell sso login again and choose Allow on the page it opens");
  }

  static KeyshellException codeExpired(SsoSession session) {
    return new KeyshellException(
        "the IAM Identity Center sign-in code for "
            + session.label()
            + " expired before it was approved",
        "run keyshell sso login again and approve the code in the browser within its time");
  }

  /** A failure of RegisterClient, StartDeviceAuthorization or CreateToken. */
  static KeyshellException oidc(
      SdkException e, String operation, SsoSession session, String endpoint) {
    Optional<String> code = code(e);
    String message = message(e);
    if (code.isEmpty()) {
      return unreachable(
          e,
          "IAM Identity Center's sign-in service",
          session,
          endpoint,
          "AWS_ENDPOINT_URL_SSO_OIDC");
    }
    switch (code.get()) {
      case "AccessDeniedException":
        return denied(session);
      case "ExpiredTokenException":
        return codeExpired(session);
      case "InternalServerException":
      case "ServiceUnavailableException":
        return down(e, "IAM Identity Center's sign-in service", session, message);
      default:
        break;
    }
    if (status(e) >= 500) {
      return down(e, "IAM Identity Center's sign-in service", session, message);
    }
    // RegisterClient and StartDeviceAuthorization fail for a start URL or region that is wrong.
    return new KeyshellException(
        "IAM Identity Center refused "
            + operation
            + " for "
            + session.startUrl()
            + " in "
            + session.region()
            + " ("
            + code.get()
            + "): "
            + message,
        "check sso_start_url (your AWS access portal URL) and sso_region (the region of your"
            + " Identity Center) in "
            + where(session),
        e);
  }

  /** A failure of GetRoleCredentials. */
  static KeyshellException portal(
      SdkException e, SsoSession session, String accountId, String roleName, String endpoint) {
    Optional<String> code = code(e);
    if (code.isEmpty()) {
      return unreachable(e, "the AWS access portal", session, endpoint, "AWS_ENDPOINT_URL_SSO");
    }
    int status = status(e);
    if (code.get().equals("UnauthorizedException") || status == 401) {
      return new TokenRejected(session, e);
    }
    if (status >= 500) {
      return down(e, "the AWS access portal", session, message(e));
    }
    if (code.get().equals("ForbiddenException")
        || code.get().equals("ResourceNotFoundException")
        || status == 403
        || status == 404) {
      return new KeyshellException(
          "no access to role "
              + roleName
              + " in account "
              + accountId
              + " through "
              + session.label()
              + ": "
              + message(e),
          "check sso_account_id and sso_role_name (see the accounts and roles of "
              + session.startUrl()
              + "), or ask your administrator for the permission set",
          e);
    }
    return new KeyshellException(
        "the AWS access portal refused GetRoleCredentials for "
            + roleName
            + " in account "
            + accountId
            + " ("
            + code.get()
            + "): "
            + message(e),
        "check sso_account_id and sso_role_name in your AWS config file",
        e);
  }

  /** The portal no longer accepts the token (revoked or signed out elsewhere): sign in again. */
  static final class TokenRejected extends KeyshellException {
    private static final long serialVersionUID = 1L;

    TokenRejected(SsoSession session, Throwable cause) {
      super(
          "the AWS access portal no longer accepts the sign-in for " + session.label(),
          "run: keyshell sso login",
          cause);
    }
  }

  private static KeyshellException unreachable(
      SdkException e, String what, SsoSession session, String endpoint, String variable) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason;
    String hint;
    if (root instanceof UnknownHostException) {
      reason = "unknown host";
      hint = "check sso_region (" + session.region() + ") in " + where(session);
    } else {
      reason =
          root instanceof ConnectException
              ? "connection refused"
              : root instanceof SocketTimeoutException ? "timed out" : oneLine(e.getMessage());
      hint = "check the network, or " + variable + " / AWS_ENDPOINT_URL if set; then try again";
    }
    return new KeyshellException(
        "cannot reach " + what + " at " + endpoint + " (" + reason + ")", hint, e);
  }

  private static KeyshellException down(
      SdkException e, String what, SsoSession session, String message) {
    return new KeyshellException(
        what + " for " + session.label() + " is unavailable: " + message,
        "try again in a few minutes (AWS Health Dashboard shows IAM Identity Center outages)",
        e);
  }

  private static String where(SsoSession session) {
    return session.name().map(n -> "[sso-session " + n + "]").orElse("the profile");
  }

  private static Optional<String> code(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return Optional.ofNullable(s.awsErrorDetails().errorCode())
          .or(() -> Optional.of("HTTP " + s.statusCode()));
    }
    return Optional.empty();
  }

  private static int status(SdkException e) {
    return e instanceof AwsServiceException s ? s.statusCode() : 0;
  }

  private static String message(SdkException e) {
    if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
      return oneLine(s.awsErrorDetails().errorMessage());
    }
    return oneLine(e.getMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "no message" : message.replaceAll("\\s+", " ").trim();
  }
}
