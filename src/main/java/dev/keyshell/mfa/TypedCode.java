package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.tty.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A code the user types on the controlling terminal. It asks on {@code /dev/tty} ({@link Terminal})
 * rather than on stdin and stderr, so it works under {@code credential_process} too, where the AWS
 * CLI holds the helper's stderr back until it exits (Granted #683) and stdin is not the user's.
 */
public record TypedCode(Path tty) implements MfaSource {
  /** No terminal to ask on ({@code KEYSHELL_NO_TTY=1}): every call is the no-terminal error. */
  static final TypedCode NO_TERMINAL = new TypedCode(null);

  /** Wrong codes typed before giving up; an empty line only asks again. */
  static final int ATTEMPTS = 3;

  private static final int MAX_EMPTY_LINES = 20;

  @Override
  public String code(String serial, long step) {
    if (tty == null) {
      throw noTerminal(serial);
    }
    try (Terminal t = Terminal.open(tty, true, null)) {
      int wrong = 0;
      int empty = 0;
      while (true) {
        t.print("MFA code for " + serial + ": ");
        Optional<String> line = t.readLine();
        if (line.isEmpty()) {
          t.print("\n");
          throw new KeyshellException("no MFA code was typed", "type the 6-digit code");
        }
        if (line.get().isBlank()) {
          if (++empty >= MAX_EMPTY_LINES) {
            throw new KeyshellException("no MFA code was typed", "type the 6-digit code");
          }
          continue;
        }
        Optional<String> code = Codes.sixDigits(line.get());
        if (code.isPresent()) {
          return code.get();
        }
        if (++wrong >= ATTEMPTS) {
          throw new KeyshellException(
              "no 6-digit MFA code after " + ATTEMPTS + " tries",
              "type the code your MFA device shows now, digits only");
        }
        t.print("keyshell: an MFA code is 6 digits\n");
      }
    } catch (IOException e) {
      throw noTerminal(serial);
    }
  }

  private static KeyshellException noTerminal(String serial) {
    return new KeyshellException(
        "MFA device " + serial + " needs a one-time code, and there is no terminal to type it on",
        "run from a terminal, set mfa_process in the profile, or add the TOTP secret to the"
            + " item (keyshell plugin init aws --item REF --mfa-serial ARN --otp-stdin)");
  }

  @Override
  public String describe() {
    return "a code typed on the terminal";
  }
}
