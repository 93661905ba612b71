package dev.keyshell.aws;

import dev.keyshell.otp.TotpSecret;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * MFA codes computed from a TOTP secret at an injectable clock, recording what {@link #sent} was
 * told; {@code secret} null: a chain that must not ask for a code.
 */
final class TotpCodes implements MfaCodeSource {
  private final TotpSecret secret;
  private final Clock clock;
  final List<Boolean> reached = new ArrayList<>();
  int read;

  TotpCodes(TotpSecret secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  static TotpCodes none() {
    return new TotpCodes(null, Clock.systemUTC());
  }

  @Override
  public String code(String serial) {
    if (secret == null) {
      throw new AssertionError("no MFA code may be asked for " + serial);
    }
    read++;
    return secret.code(clock);
  }

  @Override
  public void sent(String serial, boolean reached) {
    this.reached.add(reached);
  }
}
