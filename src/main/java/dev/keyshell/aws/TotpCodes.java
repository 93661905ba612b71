package dev.keyshell.aws;

import dev.keyshell.otp.TotpSecret;
import java.time.Clock;

/** MFA codes computed from the item's TOTP secret, at an injectable clock. */
public record TotpCodes(TotpSecret secret, Clock clock) implements MfaCodeSource {

  @Override
  public String code(String serial) {
    return secret.code(clock);
  }
}
