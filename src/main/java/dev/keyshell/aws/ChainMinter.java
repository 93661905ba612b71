package dev.keyshell.aws;

import dev.keyshell.item.AwsKeys;
import java.util.Optional;

/**
 * Mints credentials for a whole profile chain over {@link Sts}: with an MFA device (the chain's or
 * the item's) one GetSessionToken whose session signs every AssumeRole; each role signed by the
 * step before it; without MFA or roles, a plain GetSessionToken.
 */
public final class ChainMinter {
  /** GetSessionToken's session length: 8 hours, one MFA prompt per working day. */
  public static final int SESSION_SECONDS = 8 * 3600;

  private final Sts sts;

  public ChainMinter(Sts sts) {
    this.sts = sts;
  }

  /** The credentials of the chain's last step, from the item's {@code keys}. */
  public SessionCredentials mint(AwsKeys keys, ProfileChain chain) {
    Optional<String> mfa = chain.mfaSerial().or(keys::mfaSerial);
    Caller caller = Caller.of(keys);
    SessionCredentials current = null;
    if (mfa.isPresent() || chain.roles().isEmpty()) {
      current = sts.getSessionToken(keys, mfa, SESSION_SECONDS);
      caller = Caller.session(current);
    }
    for (RoleStep step : chain.roles()) {
      // After an MFA session the roles are already MFA-authenticated; a code is never sent twice.
      Optional<String> roleMfa = mfa.isPresent() ? Optional.empty() : step.mfaSerial();
      current = sts.assumeRole(caller, step, roleMfa);
      caller = Caller.role(current);
    }
    return current;
  }

  /**
   * The chain's roles assumed from {@code source}, the root's role credentials (IAM Identity
   * Center's): each signed by the step before it, each with its own {@code mfa_serial}.
   */
  public SessionCredentials mintFrom(SessionCredentials source, ProfileChain chain) {
    SessionCredentials current = source;
    for (RoleStep step : chain.roles()) {
      current = sts.assumeRole(Caller.role(current), step, step.mfaSerial());
    }
    return current;
  }
}
