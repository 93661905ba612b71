package dev.keyshell.mfa;

/**
 * Where the one-time code of an MFA device comes from: the item's OTP field, the profile's {@code
 * mfa_process}, a code typed on the terminal, or a YubiKey through {@code ykman}. {@link
 * MfaSources#choose} picks one per call; the never-reuse ledger sits in front of all of them.
 */
public sealed interface MfaSource permits ItemOtp, MfaProcess, TypedCode, YubiKey {

  /**
   * The code of {@code serial} for the 30-second {@code step}, which the caller has already waited
   * for: sources outside keyshell (a process, a token, the user) give the code of the step it is.
   */
  String code(String serial, long step);

  /** How the source is named in messages, e.g. {@code "the profile's mfa_process"}. */
  String describe();
}
