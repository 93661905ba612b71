package dev.keyshell.otp;

import dev.keyshell.core.KeyshellException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.jboss.aerogear.security.otp.Totp;

/**
 * The TOTP secret of an AWS virtual MFA device, from an item's one-time password field, and the RFC
 * 6238 codes it yields (SHA1, 6 digits, 30 s, the only kind AWS accepts).
 */
public final class TotpSecret {
  /** The length of a TOTP time step, in seconds. */
  public static final int PERIOD_SECONDS = 30;

  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String HINT =
      "store the TOTP secret of the AWS virtual MFA device (an otpauth:// URI or base32)";

  private final String base32;

  private TotpSecret(String base32) {
    this.base32 = base32;
  }

  /**
   * Reads an OTP field value: an {@code otpauth://totp/...} URI or a bare base32 secret, with the
   * spaces, dashes, lower case and padding Google Authenticator tolerates.
   */
  public static TotpSecret parse(String value) {
    if (value == null || value.isBlank()) {
      throw new KeyshellException("the one-time password field is empty", HINT);
    }
    if (!OtpAuthUri.isUri(value)) {
      return new TotpSecret(normalize(value));
    }
    OtpAuthUri uri = OtpAuthUri.parse(value);
    if (!uri.type().equals("totp")) {
      throw OtpAuthUri.invalid("it is " + uri.type() + ", AWS MFA devices use totp");
    }
    if (!uri.algorithm().equals("SHA1")) {
      throw OtpAuthUri.invalid("its algorithm is " + uri.algorithm() + ", AWS uses SHA1");
    }
    if (uri.digits() != 6) {
      throw OtpAuthUri.invalid("it has " + uri.digits() + " digits, AWS uses 6");
    }
    if (uri.period() != PERIOD_SECONDS) {
      throw OtpAuthUri.invalid("its period is " + uri.period() + " s, AWS uses 30 s");
    }
    return new TotpSecret(normalize(uri.secret()));
  }

  private static String normalize(String raw) {
    String s = raw.replaceAll("[\\s-]", "").replaceFirst("=+$", "").toUpperCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new KeyshellException("the TOTP secret is empty", HINT);
    }
    for (int i = 0; i < s.length(); i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        throw new KeyshellException(
            "the TOTP secret is not base32 (a character at position "
                + (i + 1)
                + " is outside A-Z and 2-7)",
            HINT);
      }
    }
    if (s.length() * 5 / 8 == 0) {
      throw new KeyshellException("the TOTP secret is too short", HINT);
    }
    return s;
  }

  /** The time step an instant falls in: seconds since the epoch divided by 30. */
  public static long timeStep(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
  }

  /** When a time step begins; a code used in step {@code n} may be replaced from {@code n + 1}. */
  public static Instant stepStart(long step) {
    return Instant.ofEpochSecond(step * PERIOD_SECONDS);
  }

  /** The 6-digit code for the time step of {@code instant}. */
  public String codeAt(Instant instant) {
    long step = timeStep(instant);
    return new Totp(base32, new FixedStep(step)).now();
  }

  /** The code now, by {@code clock}. */
  public String code(Clock clock) {
    return codeAt(clock.instant());
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "TotpSecret[****]";
  }

  /** aerogear's clock reads the system time; this one answers a chosen step. */
  private static final class FixedStep extends org.jboss.aerogear.security.otp.api.Clock {
    private final long step;

    FixedStep(long step) {
      super(PERIOD_SECONDS);
      this.step = step;
    }

    @Override
    public long getCurrentInterval() {
      return step;
    }
  }
}
