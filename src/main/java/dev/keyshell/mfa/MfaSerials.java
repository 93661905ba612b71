package dev.keyshell.mfa;

import java.util.regex.Pattern;

/**
 * What an MFA device's serial looks like: a virtual or FIDO device's ARN, or a hardware token's
 * serial number (IAM's {@code SerialNumber}, e.g. {@code GAHT12345678}).
 */
public final class MfaSerials {
  private static final Pattern ARN =
      Pattern.compile("arn:aws[-a-z]*:iam::\\d{12}:mfa/[\\w+=,.@/-]+");
  private static final Pattern HARDWARE = Pattern.compile("[A-Z]{2,8}\\d{6,12}");

  /** How a valid serial looks, for a message. */
  public static final String EXAMPLE =
      "arn:aws:iam::123456789012:mfa/NAME, or a hardware token's serial like GAHT12345678";

  private MfaSerials() {}

  public static boolean valid(String serial) {
    return serial != null && (ARN.matcher(serial).matches() || HARDWARE.matcher(serial).matches());
  }
}
