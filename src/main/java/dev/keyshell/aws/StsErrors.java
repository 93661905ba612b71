package dev.keyshell.aws;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure of an STS call into one line with AWS's own message and a hint saying what
 * to do. AWS's messages name users and roles, never secrets; keys are shown masked.
 */
final class StsErrors {
  private StsErrors() {}

  static KeyshellException from(
      SdkException e,
      String operation,
      Caller caller,
      Optional<String> roleArn,
      Optional<String> mfaSerial,
      String endpoint) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      String code = Optional.ofNullable(service.awsErrorDetails().errorCode()).orElse("");
      String message = oneLine(service.awsErrorDetails().errorMessage());
      return fromService(e, operation, code, message, caller, roleArn, mfaSerial);
    }
    Throwable network = rootCause(e);
    String reason;
    if (e instanceof ApiCallTimeoutException) {
      reason = "no whole answer within " + StsSettings.API_CALL_TIMEOUT.toSeconds() + " s";
    } else if (network instanceof ConnectException) {
      reason = "connection refused";
    } else if (network instanceof UnknownHostException) {
      reason = "unknown host";
    } else if (network instanceof SocketTimeoutException) {
      reason = "timed out";
    } else {
      reason = oneLine(e.getMessage());
    }
    return new KeyshellException(
        "cannot reach STS at " + endpoint + " (" + reason + ")",
        "check the network, or AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL / endpoint_url if set",
        e);
  }

  private static KeyshellException fromService(
      SdkException e,
      String operation,
      String code,
      String message,
      Caller caller,
      Optional<String> roleArn,
      Optional<String> mfaSerial) {
    String what = operation + roleArn.map(r -> " of " + r).orElse("");
    String lower = message.toLowerCase(Locale.ROOT);
    if (code.equals("AccessDenied") && mfaSerial.isPresent() && lower.contains("mfa")) {
      return new KeyshellException(
          "STS refused the MFA code for " + mfaSerial.get() + ": " + message,
          "check the computer's clock, and that the stored TOTP secret and MFA serial belong to"
              + " the same device",
          e);
    }
    if (code.equals("AccessDenied") && roleArn.isPresent()) {
      return new KeyshellException(
          "not allowed to assume " + roleArn.get() + ": " + message,
          "check the role's trust policy and your sts:AssumeRole permission on it",
          e);
    }
    if (code.equals("InvalidClientTokenId") || code.equals("SignatureDoesNotMatch")) {
      return new KeyshellException(
          "AWS does not accept the access key "
              + AwsKeys.mask(caller.accessKeyId())
              + ": "
              + message,
          caller.sessionToken().isPresent()
              ? "the cached session is no longer valid: run keyshell lock, then try again"
              : "the stored key is wrong or deactivated: update the item's Access Key ID and"
                  + " Secret Access Key",
          e);
    }
    if (code.equals("ExpiredToken") || code.equals("ExpiredTokenException")) {
      return new KeyshellException(
          "the session signing " + what + " has expired: " + message,
          "run keyshell lock to forget cached sessions, then try again",
          e);
    }
    if (code.startsWith("Throttl") || code.equals("RequestLimitExceeded")) {
      return new KeyshellException(
          "STS kept throttling "
              + what
              + " after "
              + StsMinter.MAX_ATTEMPTS
              + " attempts: "
              + message,
          "wait a minute and try again",
          e);
    }
    return new KeyshellException(
        "STS " + what + " failed (" + code + "): " + message,
        "check the profile's settings in your AWS config file and the key's permissions",
        e);
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String oneLine(String message) {
    return message == null ? "no message" : Display.text(message.replaceAll("\\s+", " ").trim());
  }
}
