package dev.keyshell.aws;

import dev.keyshell.item.AwsKeys;
import java.util.Optional;

/**
 * The two STS calls keyshell makes, one step each, so a caching decorator can wrap them: the MFA
 * code is read only inside a call that really goes to STS.
 */
public interface Sts {

  /** GetSessionToken signed by the long-lived key; with MFA when {@code mfaSerial} is present. */
  SessionCredentials getSessionToken(AwsKeys keys, Optional<String> mfaSerial, int durationSeconds);

  /**
   * AssumeRole of {@code step} signed by {@code caller}, for {@link RoleStep#durationFor}; with MFA
   * when {@code mfaSerial} is present.
   */
  SessionCredentials assumeRole(Caller caller, RoleStep step, Optional<String> mfaSerial);
}
