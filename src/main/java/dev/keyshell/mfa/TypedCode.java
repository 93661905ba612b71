package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A code the user types on the controlling terminal. It opens {@code /dev/tty} itself rather than
 * using stdin and stderr, so it works under {@code credential_process} too, where the AWS CLI holds
 * the helper's stderr back until it exits (Granted #683) and stdin is not the user's.
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
    try (InputStream in = new FileInputStream(tty.toFile());
        OutputStream out = new FileOutputStream(tty.toFile(), true)) {
      int wrong = 0;
      int empty = 0;
      while (true) {
        write(out, "MFA code for " + serial + ": ");
        Optional<String> line = readLine(in);
        if (line.isEmpty()) {
          write(out, "\n");
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
        write(out, "keyshell: an MFA code is 6 digits\n");
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

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One line without its end, empty at end of input; byte by byte, so nothing is read ahead. */
  private static Optional<String> readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return Optional.of(line.toString(StandardCharsets.UTF_8).replace("\r", ""));
      }
      if (line.size() < 256) {
        line.write(b);
      }
    }
    return line.size() == 0 ? Optional.empty() : Optional.of(line.toString(StandardCharsets.UTF_8));
  }
}
