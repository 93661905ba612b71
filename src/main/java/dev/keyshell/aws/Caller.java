package dev.keyshell.aws;

import dev.keyshell.item.AwsKeys;
import java.util.Optional;

/**
 * The credentials that sign an STS call: the item's long-lived key, a GetSessionToken session, or a
 * role session (whose AssumeRole calls are role chaining, capped at one hour by STS).
 */
public record Caller(
    String accessKeyId,
    String secretAccessKey,
    Optional<String> sessionToken,
    boolean roleSession) {

  public static Caller of(AwsKeys keys) {
    return new Caller(keys.accessKeyId(), keys.secretAccessKey(), Optional.empty(), false);
  }

  /** A GetSessionToken result: not a role, so its AssumeRole is not chaining. */
  public static Caller session(SessionCredentials session) {
    return new Caller(
        session.accessKeyId(),
        session.secretAccessKey(),
        Optional.of(session.sessionToken()),
        false);
  }

  /** An AssumeRole result. */
  public static Caller role(SessionCredentials session) {
    return new Caller(
        session.accessKeyId(),
        session.secretAccessKey(),
        Optional.of(session.sessionToken()),
        true);
  }

  @Override
  public String toString() {
    return "Caller[" + AwsKeys.mask(accessKeyId) + (roleSession ? ", role" : "") + "]";
  }
}
