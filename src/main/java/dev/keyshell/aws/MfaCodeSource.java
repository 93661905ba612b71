package dev.keyshell.aws;

/**
 * Where the current MFA one-time code comes from, asked only when an STS call is really made (a
 * cached session never reads one).
 */
@FunctionalInterface
public interface MfaCodeSource {

  /** The current 6-digit code of the device {@code serial}. */
  String code(String serial);

  /** For chains without MFA: asking is a programming error. */
  MfaCodeSource NONE =
      serial -> {
        throw new IllegalStateException("no MFA code source for " + serial);
      };
}
