package dev.keyshell.aws;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    if (e instanceof AwsServiceException service) {
      String[] cm = codeAndMessage(service);
      return fromService(e, operation, cm[0], oneLine(cm[1]), caller, roleArn, mfaSerial);
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

  /**
   * AWS's reason for a failed call of any service, in one line: its error code and message, or what
   * went wrong on the way ("connection refused").
   */
  static String reason(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String[] cm = codeAndMessage(service);
      return oneLine(cm[0]) + ": " + oneLine(cm[1]);
    }
    Throwable network = rootCause(e);
    if (network instanceof ConnectException) {
      return "connection refused";
    }
    if (network instanceof UnknownHostException) {
      return "unknown host";
    }
    if (network instanceof SocketTimeoutException) {
      return "timed out";
    }
    return oneLine(e.getMessage());
  }

  /**
   * Whether the request reached STS, so an MFA code it carried is spent: anything but a request
   * that never left (refused connection, unknown host, a connect timeout).
   */
  static boolean reached(SdkException e) {
    if (e instanceof AwsServiceException) {
      return true;
    }
    Throwable network = rootCause(e);
    if (network instanceof ConnectException
        || network instanceof UnknownHostException
        || network instanceof NoRouteToHostException) {
      return false;
    }
    return !(network instanceof SocketTimeoutException
        && String.valueOf(network.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /** AWS's error code (else the HTTP status) and message (may be null). */
  private static String[] codeAndMessage(AwsServiceException service) {
    String code = "";
    String message = null;
    if (service.awsErrorDetails() != null) {
      code = Optional.ofNullable(service.awsErrorDetails().errorCode()).orElse("");
      message = service.awsErrorDetails().errorMessage();
    }
    if (code.isEmpty() || message == null) {
      // An envelope the SDK does not read (moto's <ErrorResponse><Errors><Error>...): the XML's
      // own Code and Message, wherever they sit.
      String body = rawBody(service);
      code = code.isEmpty() ? xml(body, "Code").orElse("") : code;
      message = message == null ? xml(body, "Message").orElse(null) : message;
    }
    if (code.isEmpty()) {
      code = "HTTP " + service.statusCode();
    }
    return new String[] {code, message};
  }

  private static String rawBody(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().rawResponse() == null) {
      return "";
    }
    byte[] raw = e.awsErrorDetails().rawResponse().asByteArray();
    return new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.UTF_8);
  }

  /** The text of the first {@code <tag>} in {@code body}, entities decoded. */
  static Optional<String> xml(String body, String tag) {
    Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(body);
    if (!m.find()) {
      return Optional.empty();
    }
    String text =
        m.group(1)
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&")
            .trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
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
    boolean rejected =
        code.equals("ExpiredToken")
            || code.equals("ExpiredTokenException")
            || code.equals("InvalidClientTokenId");
    if (rejected && caller.sessionToken().isPresent()) {
      return new SessionRejectedException(
          code.startsWith("Expired")
              ? "the session signing " + what + " has expired: " + message
              : "AWS no longer accepts the session "
                  + AwsKeys.mask(caller.accessKeyId())
                  + " that signs "
                  + what
                  + " ("
                  + code
                  + "): "
                  + message,
          "run: keyshell lock --profile P (the profile you used), then try again",
          caller.accessKeyId(),
          e);
    }
    if (code.equals("InvalidClientTokenId") || code.equals("SignatureDoesNotMatch")) {
      return new KeyshellException(
          "AWS does not accept the access key "
              + AwsKeys.mask(caller.accessKeyId())
              + ": "
              + message,
          caller.sessionToken().isPresent()
              ? "the cached session is no longer valid: run keyshell lock --profile P (the"
                  + " profile you used), then try again"
              : "the stored key is wrong or deactivated: update the item's Access Key ID and"
                  + " Secret Access Key",
          e);
    }
    if (code.equals("ExpiredToken") || code.equals("ExpiredTokenException")) {
      return new KeyshellException(
          "the session signing " + what + " has expired: " + message,
          "run keyshell lock --profile P (the profile you used) to forget its cached sessions,"
              + " then try again",
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
