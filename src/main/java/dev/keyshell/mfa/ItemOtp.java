package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.Field;
import dev.keyshell.otp.TotpSecret;
import java.time.Instant;

/**
 * The item's One-Time Password field: the store's current code (1Password computes it) when it was
 * read in the step asked for, else one computed from the secret for that step.
 */
public record ItemOtp(Field field, Instant readAt) implements MfaSource {

  @Override
  public String code(String serial, long step) {
    if (field.totp() != null && !field.totp().isBlank() && TotpSecret.timeStep(readAt) == step) {
      return field.totp().trim();
    }
    if (field.value() == null || field.value().isBlank()) {
      throw new KeyshellException(
          "the item's One-Time Password field has no secret to compute the next code from",
          "store the TOTP secret (otpauth:// URI or base32) in the field");
    }
    return TotpSecret.parse(field.value()).codeAt(TotpSecret.stepStart(step));
  }

  @Override
  public String describe() {
    return "the item's One-Time Password";
  }
}
