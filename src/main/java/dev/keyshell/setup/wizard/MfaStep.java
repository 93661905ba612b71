package dev.keyshell.setup.wizard;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.mfa.MfaSerials;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.tty.Prompter;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * "Add an MFA device?": the device's ARN (the profile's {@code mfa_serial} offered first) and its
 * TOTP secret typed hidden, then the current code shown so the person can compare it with their
 * authenticator app before anything is stored.
 */
final class MfaStep {
  static final int ATTEMPTS = 3;

  /** The device's serial and its TOTP secret (otpauth URI or base32). */
  record Answer(String serial, String secret) {
    @Override
    public String toString() {
      return "Answer[" + serial + ", ****]";
    }
  }

  private final Env env;
  private final Prompter questions;
  private final Clock clock;

  MfaStep(Env env, Prompter questions, Clock clock) {
    this.env = env;
    this.questions = questions;
    this.clock = clock;
  }

  /**
   * Empty when the person adds no device. {@code serial}/{@code secret}: already given, or null.
   */
  Optional<Answer> ask(String profile, String serial, String secret) {
    Optional<String> suggested = Optional.ofNullable(serial).or(() -> configuredSerial(profile));
    if (serial == null && secret == null) {
      String hint = suggested.map(s -> " (~/.aws/config names " + s + ")").orElse("");
      if (!questions.confirm("Add an MFA device?" + hint, suggested.isPresent())) {
        return Optional.empty();
      }
    }
    String arn = serial;
    while (arn == null) {
      String typed =
          questions.ask(
              suggested.isPresent()
                  ? "MFA device ARN:"
                  : "MFA device ARN (like arn:aws:iam::123456789012:mfa/you):",
              suggested.orElse(null));
      if (typed == null || typed.isBlank()) {
        questions.say("  IAM console → Security credentials → MFA shows it.");
      } else if (MfaSerials.valid(typed.strip())) {
        arn = typed.strip();
      } else {
        questions.say("  That is not an MFA device: expected " + MfaSerials.EXAMPLE + ".");
      }
    }
    return Optional.of(new Answer(arn, secret != null ? secret : askSecret()));
  }

  /**
   * The secret, checked against the person's authenticator app; null when they keep the device
   * without it (codes are then typed when asked). An empty line or a differing code is not one of
   * the {@value #ATTEMPTS} tries; only a secret that cannot be read is.
   */
  private String askSecret() {
    int unreadable = 0;
    while (true) {
      char[] typed = questions.askSecret("TOTP secret of the device (otpauth:// URI or base32):");
      String secret = new String(typed).strip();
      Arrays.fill(typed, '\0');
      if (secret.isEmpty()) {
        questions.say("  Paste the secret shown when the device was set up (Ctrl-C stops).");
        continue;
      }
      String code;
      try {
        code = TotpSecret.parse(secret).code(clock);
      } catch (KeyshellException e) {
        questions.say("  That is not a TOTP secret: " + e.getMessage() + ".");
        if (++unreadable >= ATTEMPTS) {
          throw new KeyshellException(
              "no usable TOTP secret after " + ATTEMPTS + " tries; nothing was changed",
              "copy the secret (or otpauth:// URI) shown when the virtual MFA device was created,"
                  + " and run init again");
        }
        continue;
      }
      questions.say(
          "  The current code is "
              + code.substring(0, 3)
              + " "
              + code.substring(3)
              + ". Compare it with your authenticator app.");
      if (questions.confirm("Does your authenticator app show the same code?", true)) {
        return secret;
      }
      questions.say("  Then it is another device's secret, or this computer's clock is off.");
      int next =
          questions.choose(
              "What now?",
              List.of(
                  "Type the secret again",
                  "Keep the device without its secret: type each code when aws asks"),
              0);
      if (next == 1) {
        return null;
      }
    }
  }

  private Optional<String> configuredSerial(String profile) {
    String name = profile != null ? profile : env.get("AWS_PROFILE").orElse("default");
    try {
      return AwsConfigFiles.of(env).load().profile(name).flatMap(p -> p.property("mfa_serial"));
    } catch (KeyshellException e) {
      return Optional.empty(); // a config keyshell cannot read suggests nothing
    }
  }
}
