package dev.keyshell.aws;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code role_arn} of a profile chain: the AssumeRole its profile asks for, signed by the
 * credentials of the step before it.
 */
public record RoleStep(
    String profile,
    String roleArn,
    Optional<String> externalId,
    Optional<String> roleSessionName,
    Optional<Integer> durationSeconds,
    Optional<String> mfaSerial) {

  public RoleStep {
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(roleSessionName, "roleSessionName");
    Objects.requireNonNull(durationSeconds, "durationSeconds");
    Objects.requireNonNull(mfaSerial, "mfaSerial");
  }

  /** AssumeRole's default session length, and STS's limit when a role assumes a role. */
  public static final int DEFAULT_SECONDS = 3600;

  /**
   * The DurationSeconds to ask for: {@code duration_seconds} or one hour, capped at one hour when
   * the caller is itself a role session (STS refuses more for role chaining).
   */
  public int durationFor(Caller caller) {
    int asked = durationSeconds.orElse(DEFAULT_SECONDS);
    return caller.roleSession() ? Math.min(asked, DEFAULT_SECONDS) : asked;
  }
}
